using Microsoft.Extensions.Logging;

namespace Platform.Runtime.Membership;

/// <summary>
/// One silo's member of the cluster: joins the membership table, heartbeats, keeps a view of the active silos, probes
/// its ring neighbours and votes unreachable ones dead (see docs/architecture.md, "Membership and failure detection").
/// Its loops run on timers from the injected <see cref="TimeProvider"/>, and every await leaves the caller's context
/// (ConfigureAwait(false)): the loops must not become part of whoever started the agent, such as a grain turn. Disposing
/// without <see cref="LeaveAsync"/> stops the loops and writes nothing: to the others it is a crash.
/// </summary>
public sealed partial class MembershipAgent : IAsyncDisposable
{
    private const int Created = 0;
    private const int Joining = 1;
    private const int Joined = 2;
    private const int Stopped = 3;

    /// <summary>Joining and leaving wait out any number of version races; each lost race means another silo progressed.</summary>
    private const int UntilWritten = int.MaxValue;

    /// <summary>Votes and declarations give up after this many lost races; the next period decides again on fresh data.</summary>
    private const int ConflictRetries = 5;

    private readonly IMembershipTable _table;
    private readonly SiloAddress _self;
    private readonly string _zone;
    private readonly ISiloProber _prober;
    private readonly ClusterMembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MembershipAgent> _logger;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly ProbeHistory _probes = new();
    private readonly HeartbeatWatch _heartbeats;
    private Task[] _loops = [];
    private ClusterView _view;
    private int _phase;

    public MembershipAgent(
        IMembershipTable table,
        SiloAddress self,
        string zone,
        ISiloProber prober,
        ClusterMembershipOptions options,
        TimeProvider time,
        ILogger<MembershipAgent> logger)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        (_table, _self, _zone, _prober, _options, _time, _logger) = (table, self, zone, prober, options, time, logger);
        _heartbeats = new HeartbeatWatch(options);
        _view = ClusterView.Empty(self);
    }

    /// <summary>
    /// Raised after a refresh that changed which silos are active (heartbeats and votes do not count), on the agent's
    /// loop: do not block in the handler.
    /// </summary>
    public event Action<ClusterView>? ViewChanged;

    /// <summary>
    /// Raised once when a refresh finds this silo's row dead (the others declared it) or gone. The agent has already
    /// stopped heartbeating, probing and voting; the silo must stop serving at once. Raised on the agent's loop: do not
    /// block in the handler.
    /// </summary>
    public event Action? Fenced;

    public ClusterView CurrentView => Volatile.Read(ref _view);

    /// <summary>
    /// Inserts this silo as Joining, declares older generations on the same endpoint dead (a restarted silo supersedes
    /// its previous incarnation at once), marks itself Active, publishes the first view and starts heartbeating,
    /// refreshing and probing. If it throws (the table is unreachable), the agent cannot join again: dispose it.
    /// </summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _phase, Joining, Created) != Created)
        {
            throw new InvalidOperationException($"Silo {_self} has already joined, or tried to.");
        }

        var start = _time.GetUtcNow();
        await ChangeAsync(
            snapshot => Row(snapshot, _self) is null ? new MembershipEntry(_self, _zone, SiloStatus.Joining, start, start, []) : null,
            UntilWritten,
            cancellationToken).ConfigureAwait(false);
        while (await ChangeAsync(SupersedePreviousIncarnation, UntilWritten, cancellationToken).ConfigureAwait(false) is { } previous)
        {
            MembershipLog.Superseded(_logger, _self, previous.Silo);
        }

        if (await SetOwnStatusAsync(SiloStatus.Active, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException($"Silo {_self} was declared dead while it was joining.");
        }

        if (Interlocked.CompareExchange(ref _phase, Joined, Joining) != Joining)
        {
            return;
        }

        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        MembershipLog.Joined(_logger, _self, _zone, CurrentView.Version);
        StartLoops();
    }

    /// <summary>
    /// Graceful exit: stops the loops, then marks this silo ShuttingDown and Dead. Does nothing once the silo was fenced,
    /// has left or the agent was disposed.
    /// </summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        var phase = Interlocked.CompareExchange(ref _phase, Stopped, Joined);
        if (phase is Created or Joining)
        {
            throw new InvalidOperationException($"Silo {_self} cannot leave: it has not joined.");
        }

        if (phase == Stopped)
        {
            return;
        }

        await StopLoopsAsync().ConfigureAwait(false);
        await SetOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false);
        await SetOwnStatusAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
        MembershipLog.Left(_logger, _self);
    }

    /// <summary>Reads the table and publishes the view now, as the refresh loop does every period.</summary>
    public Task RefreshNowAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _phase, Stopped);
        await StopLoopsAsync().ConfigureAwait(false);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = await ReadForRefreshAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _phase) == Joined)
            {
                if (FenceIfDeclaredDead(snapshot))
                {
                    return;
                }

                if (await DeclareStaleSilosDeadAsync(snapshot, cancellationToken).ConfigureAwait(false))
                {
                    snapshot = await ReadForRefreshAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            Publish(ClusterView.From(snapshot, _self));
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task<MembershipSnapshot> ReadForRefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _heartbeats.Reset();
            throw;
        }
    }

    /// <summary>
    /// Rule B: a silo whose heartbeat this silo has seen unchanged for IAmAliveTimeout and that has not answered this
    /// silo's probes meanwhile is declared dead by this silo alone. It covers what votes cannot: a silo nobody probes
    /// (Joining or ShuttingDown when it died) and one whose probers died with it.
    /// </summary>
    /// <returns>True if any silo was declared dead.</returns>
    private async Task<bool> DeclareStaleSilosDeadAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var declared = false;
        foreach (var stale in _heartbeats.Observe(snapshot, _self, now))
        {
            if (_probes.AnsweredSince(stale.Silo, now - _options.IAmAliveTimeout))
            {
                continue;
            }

            var dead = await ChangeAsync(
                current => IsActive(current, _self) && Row(current, stale.Silo) is { Status: not SiloStatus.Dead } row && row.IAmAliveTime == stale.IAmAliveTime
                    ? row with { Status = SiloStatus.Dead }
                    : null,
                ConflictRetries,
                cancellationToken).ConfigureAwait(false);
            if (dead is not null)
            {
                MembershipLog.DeclaredStale(_logger, dead.Silo, _options.IAmAliveTimeout);
                declared = true;
            }
        }

        return declared;
    }

    /// <returns>True if this silo's row is dead or gone: the silo is fenced (raised once) and must not act any more.</returns>
    private bool FenceIfDeclaredDead(MembershipSnapshot snapshot)
    {
        if (Row(snapshot, _self) is { Status: not SiloStatus.Dead })
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _phase, Stopped, Joined) == Joined)
        {
            MembershipLog.Fenced(_logger, _self);
            _stopping.Cancel();
            Fenced?.Invoke();
        }

        return true;
    }

    private void Publish(ClusterView view)
    {
        var previous = Volatile.Read(ref _view);
        Volatile.Write(ref _view, view);
        _probes.Retain(SiloRing.ProbeTargets(view, _self, _options.MaxProbedSilos));
        if (!view.HasSameMembers(previous))
        {
            MembershipLog.ViewChanged(_logger, view.Version, view.ActiveSilos.Count, string.Join(", ", view.Silos));
            ViewChanged?.Invoke(view);
        }
    }

    private MembershipEntry? SupersedePreviousIncarnation(MembershipSnapshot snapshot) =>
        snapshot.Entries.FirstOrDefault(entry =>
            entry.Silo.Host == _self.Host && entry.Silo.Port == _self.Port && entry.Silo.Generation < _self.Generation && entry.Status != SiloStatus.Dead)
        is { } previous
            ? previous with { Status = SiloStatus.Dead }
            : null;

    /// <returns>The row written, or null if this silo's row is dead or gone (a dead row is never brought back).</returns>
    private Task<MembershipEntry?> SetOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken) =>
        ChangeAsync(
            snapshot => Row(snapshot, _self) is { Status: not SiloStatus.Dead } own ? own with { Status = status, IAmAliveTime = _time.GetUtcNow() } : null,
            UntilWritten,
            cancellationToken);

    /// <summary>
    /// Reads the table, lets <paramref name="decide"/> compute the row to write from that snapshot and writes it
    /// conditionally on the snapshot's version; a lost race reads and decides again.
    /// </summary>
    /// <returns>The row written; null if <paramref name="decide"/> found nothing to do or every attempt lost a race.</returns>
    private async Task<MembershipEntry?> ChangeAsync(Func<MembershipSnapshot, MembershipEntry?> decide, int attempts, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            if (decide(snapshot) is not { } entry)
            {
                return null;
            }

            var written = Row(snapshot, entry.Silo) is null
                ? await _table.TryInsertAsync(entry, snapshot.Version, cancellationToken).ConfigureAwait(false)
                : await _table.TryUpdateAsync(entry, snapshot.Version, cancellationToken).ConfigureAwait(false);
            if (written)
            {
                return entry;
            }
        }

        return null;
    }

    private void StartLoops()
    {
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _loops =
            [
                Loop("heartbeat", _options.IAmAlivePeriod, cancellationToken => _table.UpdateIAmAliveAsync(_self, _time.GetUtcNow(), cancellationToken)),
                Loop("table refresh", _options.TableRefreshPeriod, RefreshAsync),
                Loop("probing", _options.ProbePeriod, ProbeTargetsAsync),
            ];
        }
    }

    private Task Loop(string name, TimeSpan period, Func<CancellationToken, Task> tick) =>
        PeriodicLoop.RunAsync(_time, period, tick, exception => MembershipLog.LoopFailed(_logger, exception, name), _stopping.Token);

    private async Task StopLoopsAsync()
    {
        Task[] loops;
        lock (_lock)
        {
            _stopping.Cancel();
            loops = _loops;
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private static MembershipEntry? Row(MembershipSnapshot snapshot, SiloAddress silo) => snapshot.Entries.FirstOrDefault(entry => entry.Silo == silo);

    private static bool IsActive(MembershipSnapshot snapshot, SiloAddress silo) => Row(snapshot, silo)?.Status == SiloStatus.Active;
}
