using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Grains;

/// <summary>Operations that let a test hold a turn open on a gate and watch what else runs meanwhile.</summary>
public interface IGateOperations : IGrainWithStringKey
{
    Task WaitForGate(string gate);

    Task Ping();

    [ReadOnly]
    Task ReadWhileGated(string gate);

    [AlwaysInterleave]
    Task<int> Interleaved();

    Task<int> SlowIncrement();

    [ReadOnly]
    Task<IReadOnlyList<string>> GetLog();
}

public interface IOrderGrain : IGateOperations;

public interface IReentrantGrain : IGateOperations;

internal abstract class GateGrainBase(TestProbe probe) : Grain, IGateOperations
{
    private readonly List<string> _log = [];
    private int _counter;

    public async Task WaitForGate(string gate)
    {
        _log.Add($"wait-start:{gate}");
        await probe.Gate(gate);
        _log.Add($"wait-end:{gate}");
    }

    public Task Ping()
    {
        _log.Add("ping");
        return Task.CompletedTask;
    }

    public async Task ReadWhileGated(string gate)
    {
        _log.Add($"read-start:{gate}");
        await probe.Gate(gate);
        _log.Add($"read-end:{gate}");
    }

    public Task<int> Interleaved()
    {
        _log.Add("interleaved");
        return Task.FromResult(_log.Count);
    }

    /// <summary>Reads, yields three times, then writes: interleaved turns would lose updates.</summary>
    public async Task<int> SlowIncrement()
    {
        var value = _counter;
        await Task.Yield();
        await Task.Yield();
        await Task.Delay(1);
        _counter = value + 1;
        return _counter;
    }

    public Task<IReadOnlyList<string>> GetLog() => Task.FromResult<IReadOnlyList<string>>(_log.ToList());
}

internal sealed class OrderGrain(TestProbe probe) : GateGrainBase(probe), IOrderGrain;

[Reentrant]
internal sealed class ReentrantGrain(TestProbe probe) : GateGrainBase(probe), IReentrantGrain;
