namespace Platform.Bench;

/// <summary>How much of each part the capacity scenario measures: the command line's sizes plus the fixed ones of a full or a test-size run.</summary>
/// <param name="Corpus">Freelancers loaded into the matching index (--count).</param>
/// <param name="Connections">SignalR connections opened and held (--concurrency).</param>
/// <param name="Step">How long each closed-loop step runs (--duration).</param>
/// <param name="Ramp">The concurrencies of a ramp: 4x a step, up to where a 2-core machine with 100-connection pools surely saturates.</param>
/// <param name="QueryRamp">The concurrencies of the matching queries' ramp: a query keeps one PostgreSQL core busy, so 2x a step.</param>
/// <param name="JobsPerPhase">Jobs published in each matching_jobs phase.</param>
/// <param name="FreelancersPerTenant">Profiles per matching_jobs tenant, all passing its jobs' filters, so each job gets this many candidates up to 20.</param>
/// <param name="Tenants">Tenants of the matching_jobs phase that spreads its jobs over several tenants.</param>
/// <param name="LatencyJobs">Jobs published one at a time before the throughput phases, for the latency of matching without a backlog.</param>
/// <param name="ApiUsers">Freelancers whose profiles the api_requests reads fetch.</param>
internal sealed record CapacitySizes(
    int Corpus,
    int Connections,
    TimeSpan Step,
    int[] Ramp,
    int[] QueryRamp,
    int JobsPerPhase,
    int FreelancersPerTenant,
    int Tenants,
    int LatencyJobs,
    int ApiUsers)
{
    public static CapacitySizes From(BenchOptions options) => options.Quick
        ? new(options.Count, options.Concurrency, TimeSpan.FromSeconds(options.DurationSeconds), [1, 4], [1, 2], 8, 20, 2, 2, 4)
        : new(options.Count, options.Concurrency, TimeSpan.FromSeconds(options.DurationSeconds), [1, 4, 16, 64, 256], [1, 2, 4, 8, 16], 600, 100, 4, 10, 200);

    public int MaxConcurrency => Ramp.Max();

    /// <summary>Before a part is measured: long enough for the JIT and the connection pools, short beside the measured steps.</summary>
    public TimeSpan WarmUp => Step < TimeSpan.FromSeconds(1) ? Step : TimeSpan.FromSeconds(1);
}
