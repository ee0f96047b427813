using System.Runtime.CompilerServices;
using Platform.Persistence;

namespace Platform.Runtime.Tests.Grains;

/// <summary>A durable counter that reports which silo runs it, for placement and failover tests.</summary>
public interface IPlacedCounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    [ReadOnly]
    Task<int> Get();

    [ReadOnly]
    Task<string> Host();

    [ReadOnly]
    [ResponseTimeout("00:00:01")]
    Task Sleep(TimeSpan duration);

    /// <summary>Waits, then adds: a write that may come after the silo running it lost its ownership.</summary>
    Task<int> AddAfter(int amount, TimeSpan delay);
}

public sealed class PlacedCounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, Silo silo) : Grain, IPlacedCounterGrain
{
    public async Task<int> Add(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<string> Host() => Task.FromResult(silo.Address.ToString());

    public Task Sleep(TimeSpan duration) => Task.Delay(duration);

    public async Task<int> AddAfter(int amount, TimeSpan delay)
    {
        await Task.Delay(delay);
        return await Add(amount);
    }
}

public interface INewsObserver : IGrainObserver
{
    void Receive(string headline);
}

/// <summary>Calls back whatever observers subscribed, wherever they live.</summary>
public interface INewsGrain : IGrainWithStringKey
{
    Task Subscribe(INewsObserver observer);

    Task<int> Publish(string headline);
}

public sealed class NewsGrain : Grain, INewsGrain
{
    private readonly List<INewsObserver> _subscribers = [];

    public Task Subscribe(INewsObserver observer)
    {
        _subscribers.Add(observer);
        return Task.CompletedTask;
    }

    public Task<int> Publish(string headline)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Receive(headline);
        }

        return Task.FromResult(_subscribers.Count);
    }
}

public interface IScorerGrain : IGrainWithIntegerKey
{
    /// <summary>Holds its turn for <paramref name="hold"/> and says where it ran.</summary>
    Task<string> Score(TimeSpan hold);
}

[StatelessWorker(4)]
public sealed class ScorerGrain(Silo silo) : Grain, IScorerGrain
{
    public async Task<string> Score(TimeSpan hold)
    {
        await Task.Delay(hold);
        return $"{silo.Address}#{RuntimeHelpers.GetHashCode(this)}";
    }
}

/// <summary>Holds a delegate, which System.Text.Json cannot serialize: a value that cannot cross the wire.</summary>
public sealed class Unsendable
{
    public Func<int> Compute { get; init; } = () => 42;
}

public interface IUnsendableGrain : IGrainWithStringKey
{
    Task<int> Measure(Unsendable value);

    Task<Unsendable> Make();

    Task<int> Ping(int value);
}

public sealed class UnsendableGrain : Grain, IUnsendableGrain
{
    public Task<int> Measure(Unsendable value) => Task.FromResult(value.Compute());

    public Task<Unsendable> Make() => Task.FromResult(new Unsendable());

    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}

public interface ICancellableGrain : IGrainWithStringKey
{
    /// <summary>Waits up to <paramref name="max"/> unless cancelled; remembers whether it was.</summary>
    Task WaitUnlessCancelled(TimeSpan max, CancellationToken cancellationToken);

    [AlwaysInterleave]
    Task<bool> WasCancelled();
}

public sealed class CancellableGrain : Grain, ICancellableGrain
{
    private bool _cancelled;

    public async Task WaitUnlessCancelled(TimeSpan max, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(max, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _cancelled = true;
            throw;
        }
    }

    public Task<bool> WasCancelled() => Task.FromResult(_cancelled);
}
