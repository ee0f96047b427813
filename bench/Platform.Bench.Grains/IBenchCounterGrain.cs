using Orleans.Concurrency;

namespace Platform.Bench.Grains;

/// <summary>
/// A durable log of operation ids: every <see cref="Add"/> appends its id and writes the state before answering, and
/// a second execution of the same id is appended again (never silently dropped), so reading the log back shows lost
/// writes (acknowledged ids missing) and duplicate executions (ids present twice).
/// </summary>
public interface IBenchCounterGrain : IGrainWithIntegerKey
{
    /// <returns>How many operations the log holds.</returns>
    Task<int> Add(Guid operationId);

    [ReadOnly]
    Task<List<Guid>> Operations();
}
