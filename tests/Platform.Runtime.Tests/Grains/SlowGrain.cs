using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Grains;

public interface ISlowGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:00:02")]
    Task WaitWithShortTimeout(string gate);

    Task Wait(string gate);

    Task WaitCancellable(CancellationToken cancellationToken);

    Task<int> CountCalls();
}

internal sealed class SlowGrain(TestProbe probe) : Grain, ISlowGrain
{
    private int _calls;

    public Task WaitWithShortTimeout(string gate)
    {
        _calls++;
        probe.Record($"waiting:{GetPrimaryKeyString()}");
        return probe.Gate(gate);
    }

    public Task Wait(string gate)
    {
        _calls++;
        probe.Record($"waiting:{GetPrimaryKeyString()}");
        return probe.Gate(gate);
    }

    public async Task WaitCancellable(CancellationToken cancellationToken)
    {
        _calls++;
        probe.Record($"cancellable-started:{GetPrimaryKeyString()}");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.Record($"observed-cancel:{GetPrimaryKeyString()}");
            throw;
        }
    }

    public Task<int> CountCalls() => Task.FromResult(++_calls);
}
