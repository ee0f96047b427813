using Platform.Invocation;
using Platform.Runtime.Activations;

namespace Platform.Runtime.Supervision;

/// <summary>
/// The supervisor of all activations of one grain class. The activation applies Restart and Stop to itself at once
/// (so no queued call runs on a failed instance); this supervisor counts restarts against the policy's intensity,
/// restarts the whole type on Escalate, and quarantines the type when the intensity is exceeded.
/// </summary>
internal sealed class GrainTypeSupervisor(string grainType, SupervisionPolicy policy, SiloRuntime silo)
{
    private readonly Lock _lock = new();
    private readonly Queue<long> _recentRestarts = new();
    private long _quarantinedUntil;

    public SupervisionPolicy Policy { get; } = policy;

    public void ThrowIfQuarantined()
    {
        var until = Volatile.Read(ref _quarantinedUntil);
        if (until == 0)
        {
            return;
        }

        var now = silo.Time.GetTimestamp();
        if (now >= until)
        {
            lock (_lock)
            {
                if (_quarantinedUntil == until)
                {
                    _quarantinedUntil = 0;
                    _recentRestarts.Clear();
                }
            }

            return;
        }

        var remaining = TimeSpan.FromSeconds((double)(until - now) / silo.Time.TimestampFrequency);
        var untilTime = silo.Time.GetUtcNow() + remaining;
        throw new GrainQuarantinedException(
            $"Grain type '{grainType}' is quarantined for another {remaining.TotalSeconds:0.#} s (until {untilTime:O}): it failed more than " +
            $"{Policy.MaxRestarts} times within {Policy.Window.TotalSeconds:0.#} s. Calls fail fast until the cool-down ends.",
            grainType,
            untilTime);
    }

    public void OnFailure(Activation activation, Request request, Exception failure, SupervisionDirective directive)
    {
        if (directive == SupervisionDirective.Resume)
        {
            return;
        }

        silo.Telemetry.OnRestart(grainType, directive);
        var now = silo.Time.GetTimestamp();
        int restarts;
        bool quarantine;
        lock (_lock)
        {
            var windowStart = now - silo.ToTimestampTicks(Policy.Window);
            while (_recentRestarts.Count > 0 && _recentRestarts.Peek() < windowStart)
            {
                _recentRestarts.Dequeue();
            }

            _recentRestarts.Enqueue(now);
            restarts = _recentRestarts.Count;
            quarantine = restarts > Policy.MaxRestarts && _quarantinedUntil == 0;
            if (quarantine)
            {
                _quarantinedUntil = now + silo.ToTimestampTicks(Policy.QuarantinePeriod);
            }
        }

        RuntimeLog.Supervised(silo.Logger, failure, grainType, directive, activation.GrainId, $"{request.InterfaceName}.{request.MethodName}", restarts);
        if (quarantine)
        {
            silo.Telemetry.OnQuarantine(grainType);
            RuntimeLog.Quarantined(silo.Logger, grainType, Policy.MaxRestarts, Policy.Window, silo.Time.GetUtcNow() + Policy.QuarantinePeriod);
            // Queued calls are routed again: while the quarantine lasts the catalog refuses them with a fresh error.
            RestartAll(activation);
        }
        else if (directive == SupervisionDirective.Escalate)
        {
            RestartAll(activation);
        }
    }

    /// <summary>OTP's one_for_all: every activation of the type is discarded and re-activates from durable state on its next call.</summary>
    private void RestartAll(Activation failed)
    {
        foreach (var activation in silo.Catalog.OfClass(failed.Class))
        {
            activation.BeginDeactivation(DeactivationReason.SupervisorStopped, graceful: false, failQueuedWith: null);
        }
    }
}
