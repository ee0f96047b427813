using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Orleans.Supervision;

/// <summary>
/// Applies the grain class's supervision policy around every call to a grain, run by
/// <see cref="Hosting.PlatformIncomingCallFilter"/>: refuses calls to quarantined grain types and stopped grains before
/// the method runs, and after a failure applies the directive the policy chooses.
/// </summary>
internal sealed class GrainSupervision(
    IOptions<SupervisionOptions> options,
    TimeProvider time,
    StoppedGrains stoppedGrains,
    ActivationsByGrainType activations,
    SupervisionInstruments instruments,
    ILogger<GrainSupervision> logger)
{
    private readonly SupervisionOptions _options = options.Value;
    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<Type, GrainTypeSupervisor> _supervisors = new();

    /// <summary>
    /// The supervisor of the call's grain class, or null for calls that are not supervised; throws
    /// <see cref="GrainQuarantinedException"/> or <see cref="GrainStoppedException"/> when the call is refused.
    /// </summary>
    public GrainTypeSupervisor? Admit(IIncomingGrainCallContext context)
    {
        var target = context.TargetContext;

        // Only the grain's own methods are supervised: calls to grain extensions and Orleans' system calls fail for
        // reasons that say nothing about the grain's state, and must reach a stopped or quarantined grain.
        if (target.GrainInstance is not { } grain || !ReferenceEquals(grain, context.Grain))
        {
            return null;
        }

        var supervisor = _supervisors.GetOrAdd(
            grain.GetType(),
            static (grainClass, state) => new GrainTypeSupervisor(
                state.Target.GrainId.Type.ToString()!,
                SupervisionPolicy.ForGrainClass(grainClass, state.Supervision._options),
                state.Supervision._time),
            (Supervision: this, Target: target));
        try
        {
            supervisor.ThrowIfQuarantined();
            stoppedGrains.ThrowIfStopped(target.GrainId);
        }
        catch (Exception refusal) when (refusal is GrainQuarantinedException or GrainStoppedException)
        {
            instruments.OnRefused(supervisor.GrainType, refusal is GrainQuarantinedException ? "quarantined" : "stopped");
            throw;
        }

        return supervisor;
    }

    public void OnFailure(IIncomingGrainCallContext context, GrainTypeSupervisor supervisor, Exception failure)
    {
        var directive = supervisor.Policy.Decide(failure);
        var target = context.TargetContext;
        instruments.OnDirective(supervisor.GrainType, directive);
        SupervisionLog.Supervised(logger, failure, supervisor.GrainType, directive, target.GrainId, context.MethodName);
        if (directive == SupervisionDirective.Resume)
        {
            return;
        }

        // No exception in the reason: Orleans would fail the calls queued on the activation with it, instead of
        // forwarding them to a fresh activation.
        var reason = new DeactivationReason(
            DeactivationReasonCode.ApplicationError,
            $"Supervisor applied {directive} after {context.InterfaceName}.{context.MethodName} failed with {failure.GetType().Name}.");
        if (directive == SupervisionDirective.Stop)
        {
            stoppedGrains.Stop(target.GrainId, _options.StopDuration);
        }

        if (supervisor.RecordRestart(_options.QuarantineCoolDown))
        {
            instruments.OnQuarantine(supervisor.GrainType);
            SupervisionLog.Quarantined(logger, supervisor.GrainType, _options.QuarantineCoolDown, supervisor.Policy.MaxRestarts, supervisor.Policy.Window);
            activations.DeactivateAll(target.GrainId.Type, reason);
        }
        else if (directive == SupervisionDirective.Escalate)
        {
            activations.DeactivateAll(target.GrainId.Type, reason);
        }

        // Deactivation waits for the failed call to end, so the caller still gets its exception; queued calls are
        // forwarded to a fresh activation that starts from persisted state.
        target.Deactivate(reason);
    }
}
