using System.Diagnostics;

namespace Platform.Runtime.Tests.Grains;

public interface IGuidKeyGrain : IGrainWithGuidKey
{
    Task<Guid> GetKey();
}

public interface IIntegerKeyGrain : IGrainWithIntegerKey
{
    Task<long> GetKey();

    ValueTask<long> GetKeyFast();

    ValueTask Touch();
}

public interface IFlakyActivationGrain : IGrainWithStringKey
{
    Task<string> Hello();
}

public interface ITraceGrain : IGrainWithStringKey
{
    Task<string> Outer(string innerKey);

    Task<string> Inner();
}

internal sealed class GuidKeyGrain : Grain, IGuidKeyGrain
{
    public Task<Guid> GetKey() => Task.FromResult(GetPrimaryKey());
}

internal sealed class IntegerKeyGrain : Grain, IIntegerKeyGrain
{
    public Task<long> GetKey() => Task.FromResult(GetPrimaryKeyLong());

    public ValueTask<long> GetKeyFast() => ValueTask.FromResult(GetPrimaryKeyLong());

    public ValueTask Touch() => ValueTask.CompletedTask;
}

internal sealed class FlakyActivationGrain(Support.TestProbe probe) : Grain, IFlakyActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record("activation-attempt");
        return probe.Count("activation-attempt") == 1
            ? throw new InvalidOperationException("the first activation fails")
            : Task.CompletedTask;
    }

    public Task<string> Hello() => Task.FromResult("hello");
}

internal sealed class TraceGrain : Grain, ITraceGrain
{
    public async Task<string> Outer(string innerKey)
    {
        var inner = await GrainFactory.GetGrain<ITraceGrain>(innerKey).Inner();
        return $"{Activity.Current?.TraceId}|{inner}";
    }

    public Task<string> Inner() => Task.FromResult($"{Activity.Current?.TraceId}:{Activity.Current?.ParentSpanId}");
}
