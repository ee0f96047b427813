using System.Buffers.Binary;
using System.Text;

namespace Platform.Serialization;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote. Every read checks the remaining length, so a truncated or corrupted
/// payload fails with a <see cref="WireFormatException"/> that says what was being read and where.
/// </summary>
public ref struct WireReader(ReadOnlySpan<byte> data, IWireReferenceResolver? references)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;
    private IInboundCancellation? _cancellation;
    private long _correlationId;

    /// <summary>Turns grain ids read from the payload into references bound to the receiving side's runtime.</summary>
    public readonly IWireReferenceResolver? References { get; } = references;

    public readonly int Position => _position;

    /// <summary>
    /// The token for a CancellationToken argument: cancelled when the caller cancels (read by generated code only for
    /// methods that take one, so calls without a token cost nothing), or none when the call cannot be cancelled.
    /// </summary>
    public readonly CancellationToken CancellationToken => _cancellation?.TokenFor(_correlationId) ?? default;

    /// <summary>Lets <see cref="CancellationToken"/> hand out a token the caller of call <paramref name="correlationId"/> can cancel.</summary>
    public void BindCancellation(IInboundCancellation cancellation, long correlationId)
    {
        _cancellation = cancellation;
        _correlationId = correlationId;
    }

    public readonly int Remaining => _data.Length - _position;

    public T Read<T>() => WireCodec<T>.Instance.Read(ref this);

    public byte ReadByte() => Take(1, "a byte")[0];

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new WireFormatException($"invalid boolean value {other} at offset {_position - 1}"),
    };

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4, "an Int32"));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "a UInt32"));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8, "an Int64"));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "a Double"));

    public Guid ReadGuid() => new(Take(16, "a Guid"));

    public string? ReadString()
    {
        var length = ReadLength("string");
        if (length < 0)
        {
            return null;
        }

        var bytes = Take(length, "string bytes");
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new WireFormatException($"string of {length} bytes at offset {_position - length} is not valid UTF-8");
        }
    }

    public string ReadRequiredString(string what) =>
        ReadString() ?? throw new WireFormatException($"{what} is missing (null string) before offset {_position}");

    /// <summary>Reads exactly <paramref name="count"/> bytes with no length prefix (fixed-size fields such as trace ids).</summary>
    public ReadOnlySpan<byte> ReadRaw(int count) => Take(count, $"{count} raw bytes");

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadLength("byte array");
        return length < 0 ? throw new WireFormatException($"negative byte array length at offset {_position - 4}") : Take(length, "byte array");
    }

    public GrainId ReadGrainId()
    {
        var type = ReadRequiredString("grain type");
        var key = ReadRequiredString("grain key");
        return type.Length == 0 ? throw new WireFormatException("grain type is empty") : new GrainId(type, key);
    }

    private int ReadLength(string what)
    {
        var length = ReadInt32();
        if (length < -1 || length > Remaining)
        {
            throw new WireFormatException($"{what} length {length} at offset {_position - 4} exceeds the {Remaining} bytes left in the payload");
        }

        return length;
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > _data.Length - _position)
        {
            throw new WireFormatException(
                $"payload of {_data.Length} bytes ended at offset {_position} while reading {what} ({count} bytes)");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
