using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Platform.Serialization;

/// <summary>
/// Writes call arguments and results in the wire format: fixed-width little-endian numbers and length-prefixed UTF-8
/// strings, so generated code serializes each argument with one method call and no reflection.
/// </summary>
public readonly struct WireWriter(IBufferWriter<byte> output)
{
    public IBufferWriter<byte> Output { get; } = output;

    public void Write<T>(T value) => WireCodec<T>.Instance.Write(this, value);

    public void WriteByte(byte value)
    {
        Output.GetSpan(1)[0] = value;
        Output.Advance(1);
    }

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Output.GetSpan(4), value);
        Output.Advance(4);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Output.GetSpan(4), value);
        Output.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Output.GetSpan(8), value);
        Output.Advance(8);
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Output.GetSpan(8), value);
        Output.Advance(8);
    }

    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(Output.GetSpan(16));
        Output.Advance(16);
    }

    /// <summary>Writes a length prefix (-1 for null) and the UTF-8 bytes.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(length);
        var span = Output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        Output.Advance(length);
    }

    /// <summary>Writes a length prefix and the bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        value.CopyTo(Output.GetSpan(value.Length));
        Output.Advance(value.Length);
    }

    public void WriteGrainId(GrainId value)
    {
        WriteString(value.Type);
        WriteString(value.Key);
    }
}
