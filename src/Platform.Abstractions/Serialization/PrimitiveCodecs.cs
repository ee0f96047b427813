namespace Platform.Serialization;

/// <summary>Binary codecs for the types that grain methods pass most often.</summary>
internal static class PrimitiveCodecs
{
    private static readonly Dictionary<Type, object> Codecs = new()
    {
        [typeof(bool)] = new BooleanCodec(),
        [typeof(byte)] = new ByteCodec(),
        [typeof(int)] = new Int32Codec(),
        [typeof(long)] = new Int64Codec(),
        [typeof(double)] = new DoubleCodec(),
        [typeof(decimal)] = new DecimalCodec(),
        [typeof(string)] = new StringCodec(),
        [typeof(Guid)] = new GuidCodec(),
        [typeof(DateTimeOffset)] = new DateTimeOffsetCodec(),
        [typeof(TimeSpan)] = new TimeSpanCodec(),
        [typeof(byte[])] = new ByteArrayCodec(),
        [typeof(GrainId)] = new GrainIdCodec(),
    };

    public static object? TryGet(Type type) => Codecs.GetValueOrDefault(type);

    private sealed class BooleanCodec : IWireCodec<bool>
    {
        public void Write(WireWriter writer, bool value) => writer.WriteBoolean(value);

        public bool Read(ref WireReader reader) => reader.ReadBoolean();
    }

    private sealed class ByteCodec : IWireCodec<byte>
    {
        public void Write(WireWriter writer, byte value) => writer.WriteByte(value);

        public byte Read(ref WireReader reader) => reader.ReadByte();
    }

    private sealed class Int32Codec : IWireCodec<int>
    {
        public void Write(WireWriter writer, int value) => writer.WriteInt32(value);

        public int Read(ref WireReader reader) => reader.ReadInt32();
    }

    private sealed class Int64Codec : IWireCodec<long>
    {
        public void Write(WireWriter writer, long value) => writer.WriteInt64(value);

        public long Read(ref WireReader reader) => reader.ReadInt64();
    }

    private sealed class DoubleCodec : IWireCodec<double>
    {
        public void Write(WireWriter writer, double value) => writer.WriteDouble(value);

        public double Read(ref WireReader reader) => reader.ReadDouble();
    }

    private sealed class DecimalCodec : IWireCodec<decimal>
    {
        public void Write(WireWriter writer, decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            foreach (var part in bits)
            {
                writer.WriteInt32(part);
            }
        }

        public decimal Read(ref WireReader reader)
        {
            Span<int> bits = [reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()];
            try
            {
                return new decimal(bits);
            }
            catch (ArgumentException)
            {
                throw new WireFormatException($"invalid decimal bits before offset {reader.Position}");
            }
        }
    }

    private sealed class StringCodec : IWireCodec<string>
    {
        public void Write(WireWriter writer, string value) => writer.WriteString(value);

        public string Read(ref WireReader reader) => reader.ReadString()!;
    }

    private sealed class GuidCodec : IWireCodec<Guid>
    {
        public void Write(WireWriter writer, Guid value) => writer.WriteGuid(value);

        public Guid Read(ref WireReader reader) => reader.ReadGuid();
    }

    private sealed class DateTimeOffsetCodec : IWireCodec<DateTimeOffset>
    {
        public void Write(WireWriter writer, DateTimeOffset value)
        {
            writer.WriteInt64(value.UtcTicks);
            writer.WriteInt32((int)value.Offset.TotalMinutes);
        }

        public DateTimeOffset Read(ref WireReader reader)
        {
            var ticks = reader.ReadInt64();
            var offsetMinutes = reader.ReadInt32();
            try
            {
                return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
            }
            catch (ArgumentException)
            {
                throw new WireFormatException($"invalid DateTimeOffset ({ticks} ticks, offset {offsetMinutes} min) before offset {reader.Position}");
            }
        }
    }

    private sealed class TimeSpanCodec : IWireCodec<TimeSpan>
    {
        public void Write(WireWriter writer, TimeSpan value) => writer.WriteInt64(value.Ticks);

        public TimeSpan Read(ref WireReader reader) => TimeSpan.FromTicks(reader.ReadInt64());
    }

    private sealed class ByteArrayCodec : IWireCodec<byte[]>
    {
        public void Write(WireWriter writer, byte[] value)
        {
            if (value is null)
            {
                writer.WriteInt32(-1);
                return;
            }

            writer.WriteBytes(value);
        }

        public byte[] Read(ref WireReader reader) => reader.ReadBytes().ToArray();
    }

    private sealed class GrainIdCodec : IWireCodec<GrainId>
    {
        public void Write(WireWriter writer, GrainId value) => writer.WriteGrainId(value);

        public GrainId Read(ref WireReader reader) => reader.ReadGrainId();
    }
}
