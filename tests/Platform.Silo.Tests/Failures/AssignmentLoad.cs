using System.Collections.Concurrent;
using Platform.Grains.Freelancers;

namespace Platform.Silo.Tests.Failures;

/// <summary>
/// Writers that keep linking fresh job keys to freelancers (IFreelancerGrain.NoteCandidacy; each link is written to
/// PostgreSQL before it is acknowledged), remembering which keys were acknowledged and why calls failed, so the test can
/// compare with what storage holds afterwards.
/// </summary>
internal sealed class AssignmentLoad
{
    private const int Writers = 16;
    private const int Freelancers = 60;

    private readonly IFreelancerGrain[] _freelancers;
    private readonly ConcurrentBag<(int Freelancer, string Job)> _acknowledged = [];
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly long[] _lastSuccessTicks = new long[Freelancers];
    private readonly CancellationTokenSource _stop = new();
    private Task[] _writers = [];

    private AssignmentLoad(IFreelancerGrain[] freelancers) => _freelancers = freelancers;

    public IReadOnlyCollection<string> Failures => _failures;

    public static async Task<AssignmentLoad> StartAsync(IGrainFactory grains, string prefix)
    {
        var freelancers = Enumerable.Range(0, Freelancers).Select(i => grains.GetGrain<IFreelancerGrain>($"load/{prefix}-{i}")).ToArray();
        foreach (var freelancer in freelancers)
        {
            await freelancer.UpdateProfile(new FreelancerProfileUpdate("Ada", "Developer", "", "ada@example.org", ["C#"], [], 50m, "EUR", 52.5, 13.4, []));
        }

        var load = new AssignmentLoad(freelancers);
        load._writers = [.. Enumerable.Range(0, Writers).Select(writer => Task.Run(() => load.WriteAsync(writer)))];
        return load;
    }

    /// <summary>True once every freelancer took an acknowledged write after <paramref name="sinceTicks"/> (<see cref="Environment.TickCount64"/>).</summary>
    public bool EveryFreelancerWrittenSince(long sinceTicks) => _lastSuccessTicks.All(ticks => ticks > sinceTicks);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers);
    }

    /// <summary>Acknowledged assignments that storage does not hold.</summary>
    public async Task<List<string>> LostWritesAsync()
    {
        var lost = new List<string>();
        foreach (var group in _acknowledged.GroupBy(entry => entry.Freelancer))
        {
            var stored = (await _freelancers[group.Key].GetJobs()).ToHashSet();
            lost.AddRange(group.Select(entry => entry.Job).Where(job => !stored.Contains(job)));
        }

        return lost;
    }

    private async Task WriteAsync(int writer)
    {
        for (var i = writer % Freelancers; !_stop.IsCancellationRequested; i = (i + Writers) % Freelancers)
        {
            var job = $"load/job-{Guid.NewGuid():N}";
            try
            {
                await _freelancers[i].NoteCandidacy(job);
                _acknowledged.Add((i, job));
                Volatile.Write(ref _lastSuccessTicks[i], Environment.TickCount64);
            }
            catch (Exception error) when (error is OrleansException or TimeoutException)
            {
                _failures.Enqueue($"{error.GetType().Name}: {error.Message}");
                await Task.Delay(20);
            }
        }
    }
}
