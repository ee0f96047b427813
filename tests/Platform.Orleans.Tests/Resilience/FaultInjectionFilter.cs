using System.Collections.Concurrent;
using Orleans.Serialization.Invocation;

namespace Platform.Orleans.Tests.Resilience;

/// <summary>
/// Sits inside the platform's retry filter on the client and makes calls fail the way Orleans fails them, per
/// operation id (the call's first argument), as <see cref="Plan"/> says; counts the attempts it saw.
/// </summary>
internal sealed class FaultInjectionFilter : IOutgoingGrainCallFilter
{
    public ConcurrentDictionary<Guid, InjectedFault> Plan { get; } = new();

    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.Request.GetArgumentCount() == 0 || context.Request.GetArgument(0) is not Guid operation || !Plan.TryGetValue(operation, out var fault))
        {
            await context.Invoke();
            return;
        }

        var attempt = Attempts.AddOrUpdate(operation, 1, (_, seen) => seen + 1);
        if (attempt > fault.FailingAttempts)
        {
            await context.Invoke();
            return;
        }

        await Task.Delay(fault.HoldBack);
        if (fault.Exception is null || fault.AfterDelivery)
        {
            await context.Invoke();
        }

        if (fault.Exception is not null)
        {
            context.Response = Response.FromException(fault.Exception());
        }
    }
}
