using System.Text;
using System.Text.Json.Serialization;
using Platform.EventSourcing;

namespace Platform.EventSourcing.Tests;

public sealed class EventSerializerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Events_are_stored_under_their_declared_discriminator_and_read_back()
    {
        var serializer = EventSerializer<AccountEvent>.Default;

        var data = serializer.Serialize(new Withdrawn(2.5m));

        data.Type.ShouldBe("account.withdrawn");
        Encoding.UTF8.GetString(data.Data.Span).ShouldBe("{\"amount\":2.5}");
        serializer.Deserialize(Recorded(data)).ShouldBe(new Withdrawn(2.5m));
        serializer.TryDeserialize(Recorded(new EventData("order.placed", "{}"u8.ToArray())), out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => serializer.Deserialize(Recorded(new EventData("order.placed", "{}"u8.ToArray()))))
            .Message.ShouldBe("Event 1 of stream 'account/1' has type 'order.placed', which AccountEvent does not declare.");
    }

    [Fact]
    public void Undeclared_events_and_families_without_discriminators_are_refused_with_the_fix()
    {
        Should.Throw<InvalidOperationException>(() => EventSerializer<AccountEvent>.Default.Serialize(new Refunded(1)))
            .Message.ShouldBe("Event type Refunded is not declared on AccountEvent: add [JsonDerivedType(typeof(Refunded), \"...\")] to AccountEvent.");
        Should.Throw<InvalidOperationException>(() => new EventSerializer<UndeclaredEvent>())
            .Message.ShouldStartWith("Event base type UndeclaredEvent declares no event types: add [JsonDerivedType(");
        Should.Throw<InvalidOperationException>(() => new EventSerializer<NumberedEvent>())
            .Message.ShouldBe("Event type Numbered of NumberedEvent needs a non-empty string discriminator in [JsonDerivedType]; it is stored as the event type.");
    }

    public sealed record Refunded(decimal Amount) : AccountEvent;

    public abstract record UndeclaredEvent;

    [JsonDerivedType(typeof(Numbered), 1)]
    public abstract record NumberedEvent;

    public sealed record Numbered : NumberedEvent;

    private static RecordedEvent Recorded(EventData data) => new("account/1", 1, 1, data.Type, data.Data, Start);
}
