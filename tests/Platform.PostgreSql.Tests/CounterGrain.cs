using Orleans.Runtime;

namespace Platform.PostgreSql.Tests;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();
}

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }
}

/// <summary>Grain state in the ADO.NET storage. The state name is unique across grain types (the storage key omits the type).</summary>
internal sealed class CounterGrain([PersistentState("pg-tests-counter")] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Count);
}
