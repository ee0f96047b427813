using Platform.Invocation;
using Platform.Runtime.Collection;

namespace Platform.Runtime.Activations;

/// <summary>Periodic checks: calls past their deadline, idle activations to collect, mailbox depth for metrics.</summary>
internal sealed partial class Activation
{
    public void Sweep(long now, SweepReport report)
    {
        List<(Request Request, bool Running, int Position)>? expired = null;
        bool schedule;
        lock (_lock)
        {
            report.AddMailboxDepth(Class.GrainType, _inbox.Count);
            if (_exclusive is { } exclusive && exclusive is not LifecycleRequest && IsExpired(exclusive, now))
            {
                (expired ??= []).Add((exclusive, true, 0));
            }

            if (_interleaved is not null)
            {
                foreach (var running in _interleaved)
                {
                    if (IsExpired(running, now))
                    {
                        (expired ??= []).Add((running, true, 0));
                    }
                }
            }

            for (var i = 0; i < _inbox.Count; i++)
            {
                var queued = _inbox[i];
                if (IsExpired(queued, now))
                {
                    (expired ??= []).Add((queued, false, i));
                }
            }

            CollectIfIdleLocked(now);
            schedule = TryClaimSchedule();
        }

        if (expired is not null)
        {
            foreach (var (request, running, position) in expired)
            {
                var timeout = TimeSpan.FromSeconds((double)(request.DeadlineTimestamp - request.StartTimestamp) / _silo.Time.TimestampFrequency);
                var where = running
                    ? "the grain is still running it"
                    : position == 0 ? "it was still queued, first in line" : $"it was still queued behind {position} other calls";
                if (request.TryFailCaller(new GrainCallTimeoutException(
                        $"Call {request.InterfaceName}.{request.MethodName} to {GrainId} timed out after {timeout.TotalSeconds:0.###} s: {where}.")))
                {
                    report.TimedOut++;
                    _silo.Telemetry.OnCallTimedOut(Class.GrainType, request);
                }
            }
        }

        if (schedule)
        {
            Schedule();
        }
    }

    private static bool IsExpired(Request request, long now) => now >= request.DeadlineTimestamp && !request.IsCallerCompleted;

    private void CollectIfIdleLocked(long now)
    {
        if (_touched)
        {
            _touched = false;
            _idleSinceTimestamp = now;
            return;
        }

        if (_status != ActivationStatus.Active || Class.IsObserver || !NothingRunning || _inbox.Count > 0 || _ready.Count > 0)
        {
            return;
        }

        if (now - _idleSinceTimestamp >= _silo.ToTimestampTicks(Class.CollectionAge) && now >= _keepAliveUntilTimestamp)
        {
            BeginDeactivationLocked(DeactivationReason.IdleCollected, graceful: true, failQueuedWith: null);
        }
    }
}
