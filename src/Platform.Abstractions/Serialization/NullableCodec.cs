namespace Platform.Serialization;

/// <summary>A presence byte, then the value's own codec.</summary>
internal sealed class NullableCodec<T> : IWireCodec<T?>
    where T : struct
{
    public void Write(WireWriter writer, T? value)
    {
        writer.WriteBoolean(value.HasValue);
        if (value.HasValue)
        {
            WireCodec<T>.Instance.Write(writer, value.GetValueOrDefault());
        }
    }

    public T? Read(ref WireReader reader) => reader.ReadBoolean() ? WireCodec<T>.Instance.Read(ref reader) : null;
}
