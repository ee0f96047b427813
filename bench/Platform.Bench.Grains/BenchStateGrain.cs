using Orleans.Runtime;

namespace Platform.Bench.Grains;

internal sealed class BenchStateGrain([PersistentState("benchstate")] IPersistentState<BenchStateRecord> state) : Grain, IBenchStateGrain
{
    public async Task<long> Write()
    {
        state.State.Writes++;
        await state.WriteStateAsync();
        return state.State.Writes;
    }
}
