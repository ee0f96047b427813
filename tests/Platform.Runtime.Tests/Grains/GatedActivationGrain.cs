using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Grains;

public interface IGatedActivationGrain : IGrainWithStringKey
{
    Task<string> Hello();
}

/// <summary>Activation waits for a gate, then fails: lets a test stop the silo while an activation is in flight.</summary>
internal sealed class GatedActivationGrain(TestProbe probe) : Grain, IGatedActivationGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record("activating");
        await probe.Gate("activation");
        throw new InvalidOperationException("activation failed late");
    }

    public Task<string> Hello() => Task.FromResult("hello");
}
