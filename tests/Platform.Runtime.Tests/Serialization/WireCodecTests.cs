using System.Buffers;
using Platform.EventSourcing;
using Platform.Serialization;

namespace Platform.Runtime.Tests.Serialization;

public sealed class WireCodecTests
{
    public enum Color : short
    {
        Red = 1,
        Blue = -7,
    }

    public sealed record Address(string Street, int Number, IReadOnlyList<string> Tags);

    [Fact]
    public void Primitives_round_trip_exactly()
    {
        RoundTrip(true).ShouldBeTrue();
        RoundTrip((byte)200).ShouldBe((byte)200);
        RoundTrip(int.MinValue).ShouldBe(int.MinValue);
        RoundTrip(long.MaxValue).ShouldBe(long.MaxValue);
        RoundTrip(Math.PI).ShouldBe(Math.PI);
        RoundTrip(1234567.891m).ShouldBe(1234567.891m);
        RoundTrip("zürich ✓").ShouldBe("zürich ✓");
        RoundTrip<string?>(null).ShouldBeNull();
        var guid = Guid.NewGuid();
        RoundTrip(guid).ShouldBe(guid);
        var time = new DateTimeOffset(2026, 11, 22, 8, 30, 0, TimeSpan.FromHours(2));
        RoundTrip(time).ShouldBe(time);
        RoundTrip(time).Offset.ShouldBe(TimeSpan.FromHours(2));
        RoundTrip(TimeSpan.FromMilliseconds(1500)).ShouldBe(TimeSpan.FromMilliseconds(1500));
        RoundTrip(new byte[] { 1, 2, 3 }).ShouldBe(new byte[] { 1, 2, 3 });
        RoundTrip(new GrainId("job", "j-1")).ShouldBe(new GrainId("job", "j-1"));
    }

    [Fact]
    public void Enums_nullables_and_application_types_round_trip()
    {
        RoundTrip(Color.Blue).ShouldBe(Color.Blue);
        RoundTrip<int?>(null).ShouldBeNull();
        RoundTrip<int?>(42).ShouldBe(42);
        RoundTrip<decimal?>(9.5m).ShouldBe(9.5m);
        var address = RoundTrip(new Address("Main", 7, ["a", "b"]));
        address.Street.ShouldBe("Main");
        address.Number.ShouldBe(7);
        address.Tags.ShouldBe(["a", "b"]);
    }

    [Fact]
    public void A_truncated_payload_fails_with_what_was_being_read_and_where()
    {
        var bytes = Write(writer => writer.Write(123456789L));
        var error = Should.Throw<WireFormatException>(() =>
        {
            var reader = new WireReader(bytes.AsSpan(0, 5), references: null);
            reader.ReadInt64();
        });
        error.Message.ShouldBe("payload of 5 bytes ended at offset 0 while reading an Int64 (8 bytes)");
    }

    [Fact]
    public void A_string_length_beyond_the_payload_is_refused_before_allocating()
    {
        var bytes = Write(writer => writer.WriteInt32(1_000_000));
        var error = Should.Throw<WireFormatException>(() => new WireReader(bytes, references: null).ReadString());
        error.Message.ShouldContain("string length 1000000 at offset 0 exceeds the 0 bytes left");
    }

    [Fact]
    public void Invalid_utf8_and_invalid_booleans_are_refused()
    {
        var utf8 = Write(writer => writer.WriteBytes(new byte[] { 0xC3, 0x28 }));
        Should.Throw<WireFormatException>(() => new WireReader(utf8, references: null).ReadString()).Message.ShouldContain("not valid UTF-8");
        Should.Throw<WireFormatException>(() => new WireReader(new byte[] { 7 }, references: null).ReadBoolean()).Message.ShouldBe("invalid boolean value 7 at offset 0");
    }

    [Fact]
    public void Malformed_json_for_an_application_type_names_the_type()
    {
        var bytes = Write(writer => writer.WriteBytes("{\"street\": 5"u8));
        var error = Should.Throw<WireFormatException>(() => new WireReader(bytes, references: null).Read<Address>());
        error.Message.ShouldStartWith("invalid JSON for Address:");
    }

    [Fact]
    public void Exceptions_keep_their_type_when_the_caller_knows_it()
    {
        ExceptionRoundTrip(new ArgumentException("bad wage")).ShouldBeOfType<ArgumentException>().Message.ShouldBe("bad wage");
        ExceptionRoundTrip(new InvalidOperationException("job is closed")).ShouldBeOfType<InvalidOperationException>();
        ExceptionRoundTrip(new GrainCallTimeoutException("late")).ShouldBeOfType<GrainCallTimeoutException>();
        var deadlock = ExceptionRoundTrip(new DeadlockException("cycle", ["a.X", "b.Y", "a.Z"])).ShouldBeOfType<DeadlockException>();
        deadlock.CallChain.ShouldBe(["a.X", "b.Y", "a.Z"]);
        var conflict = ExceptionRoundTrip(new JournalConcurrencyException("account/1", 4, 6)).ShouldBeOfType<JournalConcurrencyException>();
        (conflict.StreamId, conflict.ExpectedVersion, conflict.ActualVersion).ShouldBe(("account/1", 4L, 6L));
        conflict.Message.ShouldBe(new JournalConcurrencyException("account/1", 4, 6).Message);
    }

    [Fact]
    public void Unknown_exception_types_arrive_as_remote_exceptions_naming_the_original()
    {
        Exception thrown;
        try
        {
            throw new FormatException("not a number");
        }
        catch (FormatException exception)
        {
            thrown = exception;
        }

        var remote = ExceptionRoundTrip(thrown).ShouldBeOfType<RemoteGrainException>();
        remote.RemoteType.ShouldBe("System.FormatException");
        remote.Message.ShouldBe("not a number");
        remote.RemoteStackTrace.ShouldNotBeNull().ShouldContain(nameof(Unknown_exception_types_arrive_as_remote_exceptions_naming_the_original));
    }

    private static T RoundTrip<T>(T value)
    {
        var bytes = Write(writer => writer.Write(value));
        var reader = new WireReader(bytes, references: null);
        var result = reader.Read<T>();
        reader.Remaining.ShouldBe(0);
        return result;
    }

    private static Exception ExceptionRoundTrip(Exception exception)
    {
        var bytes = Write(writer => ExceptionCodec.Write(writer, exception));
        var reader = new WireReader(bytes, references: null);
        return ExceptionCodec.Read(ref reader);
    }

    private static byte[] Write(Action<WireWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new WireWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }
}
