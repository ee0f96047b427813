using System.Diagnostics;
using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;

namespace Platform.Bench;

/// <summary>
/// Matching as the marketplace runs it: a published job's <c>JobCreated</c> reaches its tenant's candidate-matching
/// grain over the jobs stream, which embeds the job, queries the pgvector index, tells each of the (up to 20)
/// candidates' freelancer grains (each a state write) and records the ranking on the job (a state write). That grain
/// handles its tenant's jobs one at a time, so one tenant's rate is bounded by one job's round trips, whatever the
/// cluster's size; tenants run side by side. Measured: the latency of one job with no backlog, then jobs per second for a
/// burst on one tenant and for a burst spread over several.
/// </summary>
internal static class MatchingJobsPart
{
    public const string Name = "matching_jobs";

    /// <summary>What the candidate-matching grain asks for per job.</summary>
    private const int CandidatesPerJob = 20;

    private const int Parallelism = 16;
    private const double RadiusKm = 25;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MatchingTimeout = TimeSpan.FromMinutes(3);

    public static async Task<BenchResult> RunAsync(CapacityRig rig, CapacitySizes sizes)
    {
        var grains = rig.Cluster.Client;
        var shiftStart = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(7).AddHours(9), TimeSpan.Zero);
        var tenants = Enumerable.Range(0, sizes.Tenants).Select(i => $"capacity-{i}").ToArray();
        // Freelancers in cities of CandidatesPerJob each, far apart: a job in a city ranks exactly that city's freelancers,
        // so candidacies (each a write to the freelancer's growing list of jobs) spread as in a real marketplace instead
        // of piling on the same 20 profiles.
        var cities = Math.Max(1, sizes.FreelancersPerTenant / CandidatesPerJob);
        await Parallel.ForEachAsync(
            tenants.SelectMany(tenant => Enumerable.Range(0, sizes.FreelancersPerTenant).Select(i => (Tenant: tenant, Index: i))),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism * 2 },
            async (freelancer, _) => await grains.GetGrain<IFreelancerGrain>($"{freelancer.Tenant}/f{freelancer.Index:D4}")
                .UpdateProfile(Profile(freelancer.Index, freelancer.Index % cities, shiftStart)));

        var published = 0;
        IJobGrain NextJob(string tenant) => grains.GetGrain<IJobGrain>($"{tenant}/job-{Interlocked.Increment(ref published):D6}");
        JobDraft DraftFor(int job) => Draft(job % cities, shiftStart);

        // Without a backlog: from the publication of one job to its recorded ranking, one job at a time.
        var latencies = new List<double>();
        for (var i = 0; i < sizes.LatencyJobs; i++)
        {
            var job = NextJob(tenants[0]);
            await job.SaveDraft(DraftFor(i));
            var begin = Stopwatch.GetTimestamp();
            await job.Publish();
            await WaitForCandidatesAsync(job);
            latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        }

        CpuProbe[] probes = [rig.Silo, rig.Postgres, CapacityRig.LoadGenerator, CpuProbe.Machine];
        var oneTenant = await BurstAsync([tenants[0]], sizes.JobsPerPhase, probes, NextJob, DraftFor);
        var acrossTenants = await BurstAsync(tenants, sizes.JobsPerPhase, probes, NextJob, DraftFor);

        var result = CapacityScenario.Line(Name, sizes.JobsPerPhase, oneTenant.Seconds, [.. latencies.Order()], concurrency: 1);
        result.Extra["tenants"] = tenants.Length;
        result.Extra["across_tenants_per_second"] = Math.Round(sizes.JobsPerPhase / acrossTenants.Seconds, 1);
        result.Extra["candidates_per_job"] = Math.Round(acrossTenants.CandidatesPerJob, 1);
        result.Extra["freelancers_per_tenant"] = sizes.FreelancersPerTenant;
        // CPU per job from the burst over several tenants: the one that keeps the machine busiest.
        CapacityScenario.AddCpu(result, acrossTenants.Cores, sizes.JobsPerPhase / acrossTenants.Seconds);
        result.Extra["postgres_connections"] = await rig.PostgresConnectionsAsync();
        return result;
    }

    /// <summary>
    /// Saves <paramref name="count"/> drafts round-robin over <paramref name="tenants"/> first, then from the first
    /// publication waits until every job has its ranking: the seconds are publication and matching, with matching the
    /// slower of the two by far.
    /// </summary>
    private static async Task<(double Seconds, double CandidatesPerJob, IReadOnlyDictionary<string, double> Cores)> BurstAsync(
        string[] tenants, int count, CpuProbe[] probes, Func<string, IJobGrain> nextJob, Func<int, JobDraft> draftFor)
    {
        var jobs = Enumerable.Range(0, count).Select(i => nextJob(tenants[i % tenants.Length])).ToArray();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) => await jobs[i].SaveDraft(draftFor(i)));

        var cpu = await CpuWindow.StartAsync(probes);
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (job, _) => await job.Publish());
        var candidates = 0;
        foreach (var job in jobs)
        {
            candidates += await WaitForCandidatesAsync(job);
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return (seconds, candidates / (double)count, await cpu.EndAsync());
    }

    /// <returns>How many candidates matching recorded on the job.</returns>
    private static async Task<int> WaitForCandidatesAsync(IJobGrain job)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(MatchingTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if ((await job.Get())?.Candidates is { Count: > 0 } candidates)
            {
                return candidates.Count;
            }

            await Task.Delay(Poll);
        }

        throw new TimeoutException($"matching recorded no candidates on job {job.GetPrimaryKeyString()} within {MatchingTimeout.TotalMinutes:0} min");
    }

    /// <summary>City <paramref name="city"/>'s centre: two degrees of longitude (about 137 km) from the next, far beyond a job's radius.</summary>
    private static (double Latitude, double Longitude) City(int city) => (52.0, 4.0 + (city * 2.0));

    private static FreelancerProfileUpdate Profile(int index, int city, DateTimeOffset shiftStart)
    {
        var (latitude, longitude) = City(city);
        return new FreelancerProfileUpdate(
            $"Capacity f{index:D4}",
            "Pastry chef for events",
            "Croissants, sourdough and plated desserts for weddings and conferences.",
            $"f{index:D4}@example.com",
            ["baking", "pastry"],
            [],
            30m,
            "EUR",
            latitude,
            longitude,
            [new AvailabilityWindow(shiftStart.AddDays(-1), shiftStart.AddDays(2))]);
    }

    private static JobDraft Draft(int city, DateTimeOffset shiftStart)
    {
        var (latitude, longitude) = City(city);
        return new JobDraft(
            "Pastry chef for a wedding",
            "Plated desserts and a croissant breakfast for 120 guests; baking and pastry experience needed.",
            ["baking"],
            [],
            shiftStart,
            shiftStart.AddHours(8),
            latitude,
            longitude,
            RadiusKm,
            25m,
            40m,
            "EUR",
            "client-1");
    }
}
