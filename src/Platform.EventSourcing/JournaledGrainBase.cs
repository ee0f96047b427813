using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;

namespace Platform.EventSourcing;

/// <summary>
/// An Orleans <see cref="JournaledGrain{TState, TEvent}"/> whose log lives in an <see cref="IEventJournal"/>: the stream
/// named by the grain id is the grain's durable state and its audit trail. On activation the latest snapshot is read and
/// the events after it are folded on top with <see cref="JournaledGrain{TState, TEvent}.TransitionState"/>; confirmed
/// events are appended conditional on the version this activation knows, and every <see cref="SnapshotInterval"/> events
/// a snapshot is written.
/// </summary>
/// <remarks>
/// A version clash (a stale duplicate activation appended first) makes Orleans re-read the stream: unconditional events
/// (<c>RaiseEvent</c>) are then appended after the newer ones, conditional events (<c>RaiseConditionalEvent</c>) are
/// dropped and report false. Decide on <see cref="JournaledGrain{TState, TEvent}.State"/> and raise conditionally when
/// the decision depends on it. Journaled grains must not be reentrant: raising and confirming must not interleave.
/// </remarks>
/// <typeparam name="TState">The folded state; JSON-serializable for snapshots, and copyable by Orleans.</typeparam>
/// <typeparam name="TEvent">
/// The base type of the grain's events, declaring each with <c>[JsonDerivedType]</c> (see <see cref="EventSerializer{TEvent}"/>).
/// </typeparam>
[LogConsistencyProvider(ProviderName = EventJournalBuilderExtensions.LogConsistencyProviderName)]
public abstract class JournaledGrainBase<TState, TEvent> : JournaledGrain<TState, TEvent>, ICustomStorageInterface<TState, TEvent>
    where TState : class, new()
    where TEvent : class
{
    private const int ReadPageSize = 1000;

    private IEventJournal? _journal;
    private ILogger _logger = NullLogger.Instance;
    private long _snapshotVersion;
    private string? _idempotencyKey;

    /// <summary>The journal stream of this grain: its grain id.</summary>
    protected string StreamId => this.GetGrainId().ToString();

    /// <summary>The keyed <see cref="IEventJournal"/> service the stream lives in.</summary>
    protected virtual string JournalName => IEventJournal.DefaultName;

    /// <summary>How many events after the last snapshot make a new one; 0 never writes snapshots.</summary>
    protected virtual int SnapshotInterval => 100;

    /// <summary>How events become journal entries and back; override to use other JSON settings.</summary>
    protected virtual EventSerializer<TEvent> Serializer => EventSerializer<TEvent>.Default;

    private IEventJournal Journal => _journal ?? throw new InvalidOperationException($"{this.GetGrainId()} has not been activated yet.");

    public override void Participate(IGrainLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        // Before Orleans installs the log view: its reads retry forever, so a missing journal must fail the activation
        // before the first read is even scheduled.
        lifecycle.Subscribe<JournaledGrainBase<TState, TEvent>>(GrainLifecycleStage.SetupState - 1, ResolveJournal);
        base.Participate(lifecycle);
    }

    /// <summary>
    /// Raises and confirms <paramref name="events"/> as one append that carries <paramref name="idempotencyKey"/> (say,
    /// the id of the payment call), so that a retried operation is made once: when an earlier append to this stream
    /// carried the key, nothing is raised, the state is re-read (it includes that append) and the result is false.
    /// </summary>
    /// <returns>True when this call appended the events; false when the key had been used.</returns>
    /// <exception cref="JournalConcurrencyException">
    /// Another writer appended since this activation read the stream; the state has been re-read, so decide again.
    /// </exception>
    protected async Task<bool> RaiseEventsOnceAsync(string idempotencyKey, IEnumerable<TEvent> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentNullException.ThrowIfNull(events);
        var batch = events.ToList();
        if (batch.Count == 0)
        {
            throw new ArgumentException($"Raising events once under key '{idempotencyKey}' needs at least one event.", nameof(events));
        }

        // Events raised earlier go first, in an append of their own: the key must mark exactly this batch.
        await ConfirmEvents();
        if (await Journal.FindIdempotencyKeyAsync(StreamId, idempotencyKey, CancellationToken.None) is not null)
        {
            // The earlier append may be one this activation never saw (its reply was lost): read the stream again.
            await RefreshNow();
            return false;
        }

        var expectedVersion = Version;
        _idempotencyKey = idempotencyKey;
        try
        {
            // Conditional: a batch refused as a duplicate must be dropped, not retried on top of the re-read stream.
            if (await RaiseConditionalEvents(batch))
            {
                return true;
            }
        }
        finally
        {
            _idempotencyKey = null;
        }

        // Refused: either a concurrent writer used the same key (then the operation is done) or the stream moved on.
        return await Journal.FindIdempotencyKeyAsync(StreamId, idempotencyKey, CancellationToken.None) is null
            ? throw new JournalConcurrencyException(StreamId, expectedVersion, Version)
            : false;
    }

    /// <summary>The stream's events after <paramref name="afterVersion"/>, for the grain's audit trail.</summary>
    protected async Task<IReadOnlyList<JournaledEvent<TEvent>>> ReadJournalAsync(
        long afterVersion = 0,
        int maxCount = ReadPageSize,
        CancellationToken cancellationToken = default)
    {
        var recorded = await Journal.ReadStreamAsync(StreamId, afterVersion, maxCount, cancellationToken);
        return recorded.Select(entry => new JournaledEvent<TEvent>(entry.Version, entry.Timestamp, Serializer.Deserialize(entry))).ToList();
    }

    async Task<KeyValuePair<int, TState>> ICustomStorageInterface<TState, TEvent>.ReadStateFromStorage()
    {
        var state = new TState();
        var version = 0L;
        if (await Journal.ReadSnapshotAsync(StreamId, CancellationToken.None) is { } snapshot)
        {
            state = JsonSerializer.Deserialize<TState>(snapshot.Data.Span, Serializer.Options)
                ?? throw new InvalidOperationException($"The snapshot of stream '{StreamId}' at version {snapshot.Version} is JSON null.");
            version = snapshot.Version;
        }

        _snapshotVersion = version;
        IReadOnlyList<RecordedEvent> page;
        do
        {
            page = await Journal.ReadStreamAsync(StreamId, version, ReadPageSize, CancellationToken.None);
            foreach (var recorded in page)
            {
                TransitionState(state, Serializer.Deserialize(recorded));
                version = recorded.Version;
            }
        }
        while (page.Count == ReadPageSize);

        return new KeyValuePair<int, TState>(checked((int)version), state);
    }

    async Task<bool> ICustomStorageInterface<TState, TEvent>.ApplyUpdatesToStorage(IReadOnlyList<TEvent> updates, int expectedVersion)
    {
        var events = updates.Select(Serializer.Serialize).ToList();
        AppendResult result;
        try
        {
            result = await Journal.AppendAsync(StreamId, expectedVersion, events, _idempotencyKey, CancellationToken.None);
        }
        catch (JournalConcurrencyException clash)
        {
            JournalLog.VersionClash(_logger, clash.StreamId, clash.ExpectedVersion, clash.ActualVersion);
            return false;
        }

        if (result.Duplicate)
        {
            JournalLog.DuplicateAppend(_logger, StreamId, _idempotencyKey!, result.Version);
            return false;
        }

        await WriteSnapshotIfDueAsync(updates, result.Version);
        return true;
    }

    private Task ResolveJournal(CancellationToken cancellationToken)
    {
        _journal = ServiceProvider.GetKeyedService<IEventJournal>(JournalName)
            ?? throw new InvalidOperationException(
                $"{this.GetGrainId()} keeps its events in event journal '{JournalName}', but no journal of that name is registered. " +
                "Register one with silo.AddMemoryEventJournal() or silo.UsePlatformPostgreSql(connectionString).");
        _logger = ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(GetType()) ?? NullLogger.Instance;
        return SnapshotInterval < 0
            ? throw new InvalidOperationException($"{GetType().Name}.SnapshotInterval must be 0 (no snapshots) or more; it is {SnapshotInterval}.")
            : Task.CompletedTask;
    }

    private async Task WriteSnapshotIfDueAsync(IReadOnlyList<TEvent> appended, long version)
    {
        if (SnapshotInterval == 0 || version - _snapshotVersion < SnapshotInterval)
        {
            return;
        }

        // The events are durable by now: a failed snapshot is only logged, or the caller would retry an operation that
        // succeeded. State is still the confirmed view before this append (Orleans folds the updates after this call
        // returns), so the snapshot folds them onto a copy.
        try
        {
            var state = JsonSerializer.Deserialize<TState>(JsonSerializer.SerializeToUtf8Bytes(State, Serializer.Options), Serializer.Options)!;
            foreach (var @event in appended)
            {
                TransitionState(state, @event);
            }

            await Journal.WriteSnapshotAsync(
                StreamId, new JournalSnapshot(version, JsonSerializer.SerializeToUtf8Bytes(state, Serializer.Options)), CancellationToken.None);
            _snapshotVersion = version;
        }
        catch (Exception error)
        {
            JournalLog.SnapshotFailed(_logger, error, StreamId, version);
        }
    }
}
