using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Grains;

public interface IBoundedGrain : IGrainWithStringKey
{
    Task Wait(string gate);

    Task<int> Ping();
}

[MailboxCapacity(2)]
internal sealed class BoundedGrain(TestProbe probe) : Grain, IBoundedGrain
{
    private int _pings;

    public Task Wait(string gate)
    {
        probe.Record($"waiting:{GetPrimaryKeyString()}");
        return probe.Gate(gate);
    }

    public Task<int> Ping() => Task.FromResult(++_pings);
}
