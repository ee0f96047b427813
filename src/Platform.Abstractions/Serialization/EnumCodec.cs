using System.Runtime.CompilerServices;

namespace Platform.Serialization;

/// <summary>Writes an enum as its underlying value widened to 64 bits.</summary>
internal sealed class EnumCodec<TEnum> : IWireCodec<TEnum>
    where TEnum : struct, Enum
{
    private static readonly int Size = Unsafe.SizeOf<TEnum>();

    public void Write(WireWriter writer, TEnum value)
    {
        long widened = Size switch
        {
            1 => Unsafe.As<TEnum, byte>(ref value),
            2 => Unsafe.As<TEnum, short>(ref value),
            4 => Unsafe.As<TEnum, int>(ref value),
            _ => Unsafe.As<TEnum, long>(ref value),
        };
        writer.WriteInt64(widened);
    }

    public TEnum Read(ref WireReader reader)
    {
        var widened = reader.ReadInt64();
        var value = default(TEnum);
        switch (Size)
        {
            case 1:
                Unsafe.As<TEnum, byte>(ref value) = (byte)widened;
                break;
            case 2:
                Unsafe.As<TEnum, short>(ref value) = (short)widened;
                break;
            case 4:
                Unsafe.As<TEnum, int>(ref value) = (int)widened;
                break;
            default:
                Unsafe.As<TEnum, long>(ref value) = widened;
                break;
        }

        return value;
    }
}
