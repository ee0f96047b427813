using Orleans.Runtime;

namespace Platform.Bench.Grains;

internal sealed class BenchCounterGrain([PersistentState("benchcounter")] IPersistentState<BenchCounterState> state) : Grain, IBenchCounterGrain
{
    public async Task<int> Add(Guid operationId)
    {
        state.State.Operations.Add(operationId);
        await state.WriteStateAsync();
        return state.State.Operations.Count;
    }

    public Task<List<Guid>> Operations() => Task.FromResult(state.State.Operations);
}
