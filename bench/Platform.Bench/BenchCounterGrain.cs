using Platform.Persistence;

namespace Platform.Bench;

public sealed class BenchCounterState
{
    public long Value { get; set; }
}

/// <summary>A durable counter: every acknowledged Add is in storage, which is what the failover scenario checks.</summary>
public interface IBenchCounterGrain : IGrainWithIntegerKey
{
    Task<long> Add(long amount);

    [ReadOnly]
    Task<long> Get();
}

internal sealed class BenchCounterGrain([PersistentState("counter")] IPersistentState<BenchCounterState> state) : Grain, IBenchCounterGrain
{
    public async Task<long> Add(long amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<long> Get() => Task.FromResult(state.State.Value);
}
