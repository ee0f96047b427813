using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Platform.EventSourcing;

/// <summary>
/// Turns the events of one family (a base type <typeparamref name="TEvent"/> that declares each event record with
/// <c>[JsonDerivedType(typeof(Deposited), "account.deposited")]</c>) into journal entries and back. The declared
/// discriminator is what the journal stores as the event type, and the payload is the event's own JSON: renaming or
/// moving a record class does not change stored data, and projections can recognise events by that name.
/// </summary>
public sealed class EventSerializer<TEvent>
    where TEvent : class
{
    // Lazy rather than a static initializer: a family without discriminators then fails with its own message, not a
    // TypeInitializationException.
    private static readonly Lazy<EventSerializer<TEvent>> DefaultInstance = new(() => new EventSerializer<TEvent>());

    private readonly Dictionary<Type, string> _typeNames = [];
    private readonly Dictionary<string, Type> _types = new(StringComparer.Ordinal);

    /// <param name="options">JSON settings for payloads and snapshots; the web defaults when null.</param>
    public EventSerializer(JsonSerializerOptions? options = null)
    {
        Options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Options.MakeReadOnly(populateMissingResolver: true);
        var family = typeof(TEvent).Name;
        var derived = Options.GetTypeInfo(typeof(TEvent)).PolymorphismOptions?.DerivedTypes;
        if (derived is null || derived.Count == 0)
        {
            throw new InvalidOperationException(
                $"Event base type {family} declares no event types: add " +
                $"[JsonDerivedType(typeof(SomeEvent), \"{family.ToLowerInvariant()}.some-event\")] for each event record.");
        }

        foreach (var type in derived)
        {
            if (type.TypeDiscriminator is not string name || string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidOperationException(
                    $"Event type {type.DerivedType.Name} of {family} needs a non-empty string discriminator in [JsonDerivedType]; it is stored as the event type.");
            }

            if (!_types.TryAdd(name, type.DerivedType))
            {
                throw new InvalidOperationException($"Event types {_types[name].Name} and {type.DerivedType.Name} of {family} share the discriminator '{name}'.");
            }

            _typeNames[type.DerivedType] = name;
        }
    }

    /// <summary>A shared instance with the web defaults.</summary>
    public static EventSerializer<TEvent> Default => DefaultInstance.Value;

    public JsonSerializerOptions Options { get; }

    public EventData Serialize(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        if (!_typeNames.TryGetValue(type, out var name))
        {
            throw new InvalidOperationException(
                $"Event type {type.Name} is not declared on {typeof(TEvent).Name}: add [JsonDerivedType(typeof({type.Name}), \"...\")] to {typeof(TEvent).Name}.");
        }

        return new EventData(name, JsonSerializer.SerializeToUtf8Bytes(@event, type, Options));
    }

    /// <exception cref="InvalidOperationException">The event's type is not one of this family's, or its payload is JSON null.</exception>
    public TEvent Deserialize(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return TryDeserialize(recorded, out var @event)
            ? @event
            : throw new InvalidOperationException(
                $"Event {recorded.Version} of stream '{recorded.StreamId}' has type '{recorded.Type}', which {typeof(TEvent).Name} does not declare.");
    }

    /// <summary>Reads the event if its type belongs to this family: projections reading every stream skip the others.</summary>
    public bool TryDeserialize(RecordedEvent recorded, [NotNullWhen(true)] out TEvent? @event)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (!_types.TryGetValue(recorded.Type, out var type))
        {
            @event = null;
            return false;
        }

        @event = JsonSerializer.Deserialize(recorded.Data.Span, type, Options) as TEvent
            ?? throw new InvalidOperationException($"Event {recorded.Version} of stream '{recorded.StreamId}' is stored as JSON null.");
        return true;
    }
}
