using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Grains;

public interface IIdleGrain : IGrainWithStringKey
{
    Task<Guid> GetActivationId();

    Task Deactivate();

    Task KeepAliveFor(TimeSpan period);
}

[CollectionAgeLimit(2)]
internal sealed class IdleGrain(TestProbe probe) : Grain, IIdleGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivated:{GetPrimaryKeyString()}:{reason}");
        return Task.CompletedTask;
    }

    public Task<Guid> GetActivationId() => Task.FromResult(_activationId);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task KeepAliveFor(TimeSpan period)
    {
        DelayDeactivation(period);
        return Task.CompletedTask;
    }
}
