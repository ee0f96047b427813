namespace Platform.Orleans.Tests.Telemetry;

[GrainType("traced")]
public sealed class TracedGrain : Grain, ITracedGrain
{
    public Task<string> Relay(string next, bool fail)
    {
        var callee = GrainFactory.GetGrain<ITracedGrain>(next);
        return fail ? callee.Fail() : callee.Echo(this.GetPrimaryKeyString());
    }

    public Task<string> Echo(string text) => Task.FromResult(text);

    public Task<string> Fail() => throw new TimeoutException("traced failure");
}
