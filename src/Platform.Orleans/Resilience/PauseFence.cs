using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Platform.Orleans.Resilience;

/// <summary>
/// Keeps a silo that was frozen (SIGSTOP, a VM pause, a long stall) from serving grain calls as the generation the
/// cluster declared dead meanwhile. Orleans alone lets it: requests that waited in its sockets are read on waking with
/// their full remaining time to live, and a grain activated for them reads the newest state and writes after it,
/// before the silo reads the membership table and stops itself. A heartbeat on a dedicated thread shows the pause;
/// the first call after one waits for a fresh read of the membership table and runs only if this silo is still active
/// (checked by <see cref="Hosting.PlatformIncomingCallFilter"/>).
/// </summary>
internal sealed partial class PauseFence(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<PauseFence> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A heartbeat gap this long means the process did not run: well under the time the cluster needs to declare a silo
    /// dead (two missed probes of a second or more), and far above the period, so a busy thread pool does not trigger it.
    /// </summary>
    private static readonly TimeSpan PauseThreshold = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a call waits for the membership read. A frozen silo reads the table in milliseconds; a read that takes
    /// longer means the table or this process is struggling (a long GC looks like a pause too), and calls then go on:
    /// the grain state ETags still refuse a stale write, and the fence must not turn a slow table into an outage.
    /// </summary>
    private static readonly TimeSpan ConfirmationLimit = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();

    /// <summary>Orders the lifecycle's stop and the container's disposal, which may run at once on different threads.</summary>
    private readonly Lock _ending = new();
    private long _lastHeartbeat = Stopwatch.GetTimestamp();
    private Task? _confirmation;
    private Thread? _heartbeat;
    private bool _disposed;

    /// <summary>True when the process did not run for a while: calls must first <see cref="ConfirmStillActiveAsync"/>.</summary>
    /// <remarks>Read on every call, so it costs one clock read.</remarks>
    public bool MustConfirm => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastHeartbeat)) > PauseThreshold;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PauseFence), ServiceLifecycleStage.RuntimeInitialize, StartHeartbeat, StopHeartbeat);

    /// <summary>
    /// Stops the heartbeat before the token it waits on goes away: a silo whose start failed is disposed without its
    /// lifecycle's stop, and a heartbeat that met a disposed token would end the process with an unhandled exception
    /// instead of the silo's own exit code. Disposed twice (the container holds the fence as itself and as a lifecycle
    /// participant), so the second time does nothing. A stop that runs at the same time waits: it must not cancel a
    /// token this has just disposed.
    /// </summary>
    public void Dispose()
    {
        lock (_ending)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            StopBeating();
            _stop.Dispose();
        }
    }

    private Task StartHeartbeat(CancellationToken cancellation)
    {
        // A thread of its own: a thread-pool timer would also stall when the pool is saturated, which is no pause.
        _heartbeat = new Thread(Beat) { IsBackground = true, Name = nameof(PauseFence) };
        _heartbeat.Start();
        return Task.CompletedTask;
    }

    private Task StopHeartbeat(CancellationToken cancellation)
    {
        lock (_ending)
        {
            if (!_disposed)
            {
                StopBeating();
            }
        }

        return Task.CompletedTask;
    }

    private void StopBeating()
    {
        _stop.Cancel();
        _heartbeat?.Join();
    }

    private void Beat()
    {
        while (!_stop.Token.WaitHandle.WaitOne(HeartbeatPeriod))
        {
            var now = Stopwatch.GetTimestamp();
            var gap = Stopwatch.GetElapsedTime(Interlocked.Exchange(ref _lastHeartbeat, now), now);
            if (gap > PauseThreshold)
            {
                LogPaused(logger, gap);
            }
        }
    }

    /// <summary>One membership read for all the calls that arrive after a pause; throws if this silo is no longer active.</summary>
    public Task ConfirmStillActiveAsync()
    {
        var confirmation = Volatile.Read(ref _confirmation);
        if (confirmation is null || confirmation.IsCompleted)
        {
            var next = ReadMembershipAsync();
            confirmation = Interlocked.CompareExchange(ref _confirmation, next, confirmation) == confirmation ? next : Volatile.Read(ref _confirmation)!;
        }

        return confirmation;
    }

    private async Task ReadMembershipAsync()
    {
        using var limit = new CancellationTokenSource(ConfirmationLimit);
        try
        {
            await membership.Refresh(cancellationToken: limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            LogUnconfirmed(logger, ConfirmationLimit);
            return;
        }

        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            LogRefused(logger, localSilo.SiloAddress, status);
            throw new SiloUnavailableException(
                $"Silo {localSilo.SiloAddress} is {status} in the cluster's membership after a pause; it serves no more calls as this generation.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This process did not run for {Gap}; the next grain call first confirms in the membership table that this silo is still active")]
    private static partial void LogPaused(ILogger logger, TimeSpan gap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The membership table was not read within {Limit} after a pause; grain calls go on unconfirmed")]
    private static partial void LogUnconfirmed(ILogger logger, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "Silo {Silo} is {Status} in the membership table after a pause: refusing grain calls")]
    private static partial void LogRefused(ILogger logger, SiloAddress silo, SiloStatus status);
}
