using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Orleans.Supervision;

/// <summary>
/// Applies the grain class's supervision policy around every call to a grain: refuses calls to quarantined grain types
/// and stopped grains before the method runs, and after a failure applies the directive the policy chooses.
/// </summary>
internal sealed class SupervisionCallFilter(
    IOptions<SupervisionOptions> options,
    TimeProvider time,
    StoppedGrains stoppedGrains,
    ActivationsByGrainType activations,
    SupervisionInstruments instruments,
    ILogger<SupervisionCallFilter> logger) : IIncomingGrainCallFilter
{
    private readonly SupervisionOptions _options = options.Value;
    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<Type, GrainTypeSupervisor> _supervisors = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var target = context.TargetContext;

        // Only the grain's own methods are supervised: calls to grain extensions and Orleans' system calls fail for
        // reasons that say nothing about the grain's state, and must reach a stopped or quarantined grain.
        if (target.GrainInstance is not { } grain || !ReferenceEquals(grain, context.Grain))
        {
            return context.Invoke();
        }

        var supervisor = _supervisors.GetOrAdd(
            grain.GetType(),
            static (grainClass, state) => new GrainTypeSupervisor(
                state.Target.GrainId.Type.ToString()!,
                SupervisionPolicy.ForGrainClass(grainClass, state.Filter._options),
                state.Filter._time),
            (Filter: this, Target: target));
        try
        {
            supervisor.ThrowIfQuarantined();
            stoppedGrains.ThrowIfStopped(target.GrainId);
        }
        catch (Exception refusal) when (refusal is GrainQuarantinedException or GrainStoppedException)
        {
            instruments.OnRefused(supervisor.GrainType, refusal is GrainQuarantinedException ? "quarantined" : "stopped");
            return Task.FromException(refusal);
        }

        var call = context.Invoke();
        return call.IsCompletedSuccessfully ? call : AwaitSupervised(call, context, supervisor);
    }

    private async Task AwaitSupervised(Task call, IIncomingGrainCallContext context, GrainTypeSupervisor supervisor)
    {
        try
        {
            await call;
        }
        catch (Exception failure)
        {
            OnFailure(context, supervisor, failure);
            throw;
        }
    }

    private void OnFailure(IIncomingGrainCallContext context, GrainTypeSupervisor supervisor, Exception failure)
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
