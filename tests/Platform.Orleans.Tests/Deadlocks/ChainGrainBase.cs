using System.Collections.Concurrent;
using Platform.Orleans.Deadlocks;

namespace Platform.Orleans.Tests.Deadlocks;

public abstract class ChainGrainBase(IGrainFactory grains) : Grain, IChainGrain
{
    public Task<string> Visit(string[] path) => VisitNext(path);

    public Task<string> VisitInterleaved(string[] path) => VisitNext(path);

    public async Task<string> VisitAllowingCallChainReentrancy(string[] path)
    {
        using var _ = RequestContext.AllowCallChainReentrancy();
        return await VisitNext(path);
    }

    private static readonly ConcurrentDictionary<string, TaskCompletionSource<string>> Outcomes = new();

    /// <summary>The outcome of the unawaited or one-way visit started by or at the grain with this key.</summary>
    public static Task<string> Outcome(string key) =>
        Outcomes.GetOrAdd(key, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task StartUnawaitedVisit(string[] path, bool detachCallChain)
    {
        if (detachCallChain)
        {
            using (CallChainDetection.DetachCallChain())
            {
                _ = Report(VisitNext(path));
            }
        }
        else
        {
            _ = Report(VisitNext(path));
        }

        return Task.CompletedTask;
    }

    public Task SendOneWay(string target, string[] path) =>
        grains.GetGrain<IChainGrain>(GrainId.Create("chain", target)).VisitOneWay(path);

    public Task VisitOneWay(string[] path) => Report(VisitNext(path));

    public Task<string> VisitThroughObserver(IChainObserver observer, string[] path) => observer.OnVisit(path);

    public Task<string> WhereAmI() => Task.FromResult(RuntimeIdentity);

    private async Task Report(Task<string> visit)
    {
        var outcome = Outcomes.GetOrAdd(this.GetPrimaryKeyString(), static _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            outcome.TrySetResult(await visit);
        }
        catch (Exception failure)
        {
            outcome.TrySetException(failure);
        }
    }

    private async Task<string> VisitNext(string[] path)
    {
        var self = this.GetPrimaryKeyString();
        if (path.Length == 0)
        {
            return self;
        }

        var interleaved = path[0].EndsWith('!');
        var parts = path[0].TrimEnd('!').Split(':');
        var next = grains.GetGrain<IChainGrain>(GrainId.Create(parts[0], parts[1]));
        var rest = path[1..];
        return $"{self}>{await (interleaved ? next.VisitInterleaved(rest) : next.Visit(rest))}";
    }
}
