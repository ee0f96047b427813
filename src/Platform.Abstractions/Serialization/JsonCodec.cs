using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Platform.Serialization;

/// <summary>
/// Falls back to System.Text.Json for application types, with metadata from <see cref="WireJson.Options"/>: a
/// source-generated context registered there serves its types without reflection.
/// </summary>
internal sealed class JsonCodec<T> : IWireCodec<T>
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    private readonly JsonTypeInfo<T> _typeInfo = (JsonTypeInfo<T>)WireJson.Options.GetTypeInfo(typeof(T));

    public void Write(WireWriter writer, T value)
    {
        var scratch = _scratch ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(scratch))
        {
            JsonSerializer.Serialize(json, value, _typeInfo);
        }

        writer.WriteBytes(scratch.WrittenSpan);
    }

    public T Read(ref WireReader reader)
    {
        var bytes = reader.ReadBytes();
        try
        {
            return JsonSerializer.Deserialize(bytes, _typeInfo)!;
        }
        catch (JsonException exception)
        {
            throw new WireFormatException($"invalid JSON for {typeof(T).Name}: {exception.Message}");
        }
    }
}
