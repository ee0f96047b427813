using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.EventSourcing;

/// <summary>
/// A grain whose state is the fold of the events in its journal stream (<c>grainType/key</c>): the stream is the
/// grain's durable state and its audit trail. <see cref="RaiseEvent"/> applies an event to <see cref="State"/> at once;
/// <see cref="ConfirmEventsAsync"/> appends the raised events, conditional on <see cref="Version"/>. On activation the
/// latest snapshot is read and the events after it are folded on top; every <see cref="SnapshotInterval"/> events a new
/// snapshot is written.
/// </summary>
/// <remarks>
/// Decide first, then raise: events raised and not yet confirmed are part of <see cref="State"/> and are appended by
/// the next confirmation, even if the method that raised them throws. A stale activation (another one appended
/// meanwhile) fails to confirm with <see cref="JournalConcurrencyException"/> and is restarted by its supervisor; after
/// any failure to confirm the activation is discarded, so the next call reads the journal afresh.
/// Raising and confirming must not interleave, so reentrant methods must not raise events.
/// </remarks>
/// <typeparam name="TState">The folded state; <see cref="Apply"/> may update it in place or return a new one.</typeparam>
/// <typeparam name="TEvent">
/// The base type of the grain's events, declaring each with <c>[JsonDerivedType]</c> (see <see cref="EventSerializer{TEvent}"/>).
/// </typeparam>
public abstract class JournaledGrain<TState, TEvent> : Grain
    where TState : new()
    where TEvent : class
{
    private const int ReadPageSize = 1000;

    private readonly List<EventData> _unconfirmed = [];
    private IEventJournal? _journal;
    private ILogger _logger = NullLogger.Instance;
    private long _snapshotVersion;
    private bool _confirming;

    /// <summary>The fold of the confirmed events and of those raised since.</summary>
    protected TState State { get; private set; } = new();

    /// <summary>
    /// The stream version the confirmed part of <see cref="State"/> was folded up to: the number of events in the stream
    /// as this activation knows it.
    /// </summary>
    protected long Version { get; private set; }

    protected string StreamId => GrainId.ToString();

    /// <summary>The keyed <see cref="IEventJournal"/> service the stream lives in.</summary>
    protected virtual string JournalName => IEventJournal.DefaultName;

    /// <summary>How many events after the last snapshot make a new one; 0 never writes snapshots.</summary>
    protected virtual int SnapshotInterval => 100;

    /// <summary>How events become journal entries and back; override to use other JSON settings.</summary>
    protected virtual EventSerializer<TEvent> Serializer => EventSerializer<TEvent>.Default;

    private IEventJournal Journal => _journal ?? throw new InvalidOperationException($"{GrainId} has not been activated yet.");

    /// <summary>Folds one event into the state. It must be deterministic: replaying the stream must give the same state.</summary>
    protected abstract TState Apply(TState state, TEvent @event);

    protected void RaiseEvent(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ThrowIfConfirming(nameof(RaiseEvent));

        // Serialized first: an event the journal could not take must not reach State.
        var data = Serializer.Serialize(@event);
        State = Apply(State, @event);
        _unconfirmed.Add(data);
    }

    protected void RaiseEvents(IEnumerable<TEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            RaiseEvent(@event);
        }
    }

    /// <summary>
    /// Appends the raised events to the stream in one atomic append. Pass an <paramref name="idempotencyKey"/> (say, the
    /// id of the payment call) to make a retried operation safe: if an earlier append to this stream carried the same
    /// key, nothing is appended, the state is re-read from the journal (it includes that append) and the result is false.
    /// </summary>
    /// <returns>True when this call appended the events (or there were none); false when the key had been used.</returns>
    /// <exception cref="JournalConcurrencyException">Another activation appended to the stream since this one read it.</exception>
    protected async Task<bool> ConfirmEventsAsync(string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ThrowIfConfirming(nameof(ConfirmEventsAsync));
        if (_unconfirmed.Count == 0)
        {
            return true;
        }

        _confirming = true;
        try
        {
            try
            {
                var result = await Journal.AppendAsync(StreamId, Version, _unconfirmed.ToArray(), idempotencyKey, cancellationToken);
                _unconfirmed.Clear();
                if (result.Duplicate)
                {
                    await RecoverAsync(cancellationToken);
                    return false;
                }

                Version = result.Version;
            }
            catch
            {
                // State holds events the journal refused, or may hold (a broken connection leaves the outcome unknown):
                // only a fresh activation knows the stream. A concurrency conflict restarts the activation anyway; this
                // also covers grains whose policy resumes after it.
                DeactivateOnIdle();
                throw;
            }

            await WriteSnapshotIfDueAsync();
            return true;
        }
        finally
        {
            _confirming = false;
        }
    }

    /// <summary>The stream's events after <paramref name="afterVersion"/>, for the grain's audit trail.</summary>
    protected async Task<IReadOnlyList<JournaledEvent<TEvent>>> ReadEventsAsync(
        long afterVersion = 0,
        int maxCount = ReadPageSize,
        CancellationToken cancellationToken = default)
    {
        var recorded = await Journal.ReadStreamAsync(StreamId, afterVersion, maxCount, cancellationToken);
        return recorded.Select(entry => new JournaledEvent<TEvent>(entry.Version, entry.Timestamp, Serializer.Deserialize(entry))).ToList();
    }

    internal override Task OnActivatingAsync(CancellationToken cancellationToken)
    {
        var services = GrainContext.Services;
        _journal = services.GetKeyedService<IEventJournal>(JournalName)
            ?? throw new InvalidOperationException(
                $"{GrainId} keeps its events in event journal '{JournalName}', but no journal of that name is registered. " +
                $"Register one with silo.AddMemoryEventJournal(\"{JournalName}\") or silo.AddPostgreSqlEventJournal(connectionString, \"{JournalName}\").");
        _logger = services.GetService<ILoggerFactory>()?.CreateLogger(GetType()) ?? NullLogger.Instance;
        if (SnapshotInterval < 0)
        {
            throw new InvalidOperationException($"{GetType().Name}.SnapshotInterval must be 0 (no snapshots) or more; it is {SnapshotInterval}.");
        }

        return RecoverAsync(cancellationToken);
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var state = new TState();
        var version = 0L;
        if (await Journal.ReadSnapshotAsync(StreamId, cancellationToken) is { } snapshot)
        {
            state = JsonSerializer.Deserialize<TState>(snapshot.Data.Span, Serializer.Options)
                ?? throw new InvalidOperationException($"The snapshot of stream '{StreamId}' at version {snapshot.Version} is JSON null.");
            version = snapshot.Version;
        }

        _snapshotVersion = version;
        IReadOnlyList<RecordedEvent> page;
        do
        {
            page = await Journal.ReadStreamAsync(StreamId, version, ReadPageSize, cancellationToken);
            foreach (var recorded in page)
            {
                state = Apply(state, Serializer.Deserialize(recorded));
                version = recorded.Version;
            }
        }
        while (page.Count == ReadPageSize);

        State = state;
        Version = version;
    }

    private async Task WriteSnapshotIfDueAsync()
    {
        if (SnapshotInterval == 0 || Version - _snapshotVersion < SnapshotInterval)
        {
            return;
        }

        // The events are durable by now: neither a failure nor the caller's cancellation may fail the call, or its
        // caller would retry an operation that succeeded.
        try
        {
            var data = JsonSerializer.SerializeToUtf8Bytes(State, Serializer.Options);
            await Journal.WriteSnapshotAsync(StreamId, new JournalSnapshot(Version, data), CancellationToken.None);
            _snapshotVersion = Version;
        }
        catch (Exception error)
        {
            JournalLog.SnapshotFailed(_logger, error, StreamId, Version);
        }
    }

    private void ThrowIfConfirming(string operation)
    {
        if (_confirming)
        {
            throw new InvalidOperationException(
                $"{operation} on {GrainId} while ConfirmEventsAsync is running: a journaled grain must not raise or confirm events in interleaved calls.");
        }
    }
}
