using Microsoft.Extensions.Logging.Abstractions;
using Platform.Runtime.Membership;
using Platform.Testing;

namespace Platform.Tests.Shared;

/// <summary>
/// An in-process cluster of membership agents on one table, a <see cref="TestNetwork"/> and a manual clock. Silos live
/// on 10.0.0.1 with the port as their number.
/// </summary>
public sealed class MembershipTestCluster(IMembershipTable table, ClusterMembershipOptions? options = null) : IAsyncDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<SiloAddress, MembershipAgent> _agents = [];

    public ManualTimeProvider Time { get; } = new();

    public TestNetwork Network { get; } = new();

    public ClusterMembershipOptions Options { get; } = options ?? new ClusterMembershipOptions();

    /// <summary>Awaited after every clock step; a table with real I/O waits here until the agents' calls finished.</summary>
    public Func<Task> Settle { get; init; } = () => Task.CompletedTask;

    public static SiloAddress Silo(int port, long generation = 1) => new("10.0.0.1", port, generation);

    public static Func<MembershipSnapshot, bool> IsDead(SiloAddress silo) =>
        snapshot => snapshot.Entries.Single(entry => entry.Silo == silo).Status == SiloStatus.Dead;

    public async Task<MembershipAgent> JoinAsync(SiloAddress silo, string zone, IMembershipTable? through = null)
    {
        var agent = new MembershipAgent(through ?? table, silo, zone, Network.ProberFor(silo), Options, Time, NullLogger<MembershipAgent>.Instance);
        _agents.Add(silo, agent);
        await agent.JoinAsync(CancellationToken.None);
        return agent;
    }

    /// <summary>Silos 1, 2, … in the given zones join one after another; then every agent refreshes, so all see all.</summary>
    public async Task<IReadOnlyList<MembershipAgent>> StartAsync(params string[] zones)
    {
        var agents = new List<MembershipAgent>();
        for (var index = 0; index < zones.Length; index++)
        {
            agents.Add(await JoinAsync(Silo(index + 1), zones[index]));
        }

        foreach (var agent in agents)
        {
            await agent.RefreshNowAsync(CancellationToken.None);
        }

        return agents;
    }

    /// <summary>Like kill -9: the silo stops answering and its agent stops without writing anything.</summary>
    public async Task CrashAsync(SiloAddress silo)
    {
        Network.Isolate(silo);
        await _agents[silo].DisposeAsync();
    }

    public async Task<MembershipEntry> RowAsync(SiloAddress silo) =>
        (await table.ReadAllAsync(CancellationToken.None)).Entries.Single(entry => entry.Silo == silo);

    public async Task AdvanceAsync(TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += Step)
        {
            AdvanceOneStep();
            await Settle();
        }
    }

    /// <summary>Moves the clock in 100 ms steps until the table satisfies <paramref name="condition"/>.</summary>
    /// <returns>How far the clock moved: when the condition first held, to within one step.</returns>
    public async Task<TimeSpan> AdvanceUntilAsync(Func<MembershipSnapshot, bool> condition, TimeSpan limit)
    {
        for (var elapsed = TimeSpan.Zero; ; elapsed += Step)
        {
            if (condition(await table.ReadAllAsync(CancellationToken.None)))
            {
                return elapsed;
            }

            if (elapsed >= limit)
            {
                throw new TimeoutException($"The membership table did not reach the expected state within {limit} of manual time.");
            }

            AdvanceOneStep();
            await Settle();
        }
    }

    /// <summary>
    /// Timers fire on this thread. Without the test framework's SynchronizationContext, the continuations they release
    /// (loop ticks, probe timeouts) run inline, so every tick that fell due has finished when this returns.
    /// </summary>
    private void AdvanceOneStep()
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            Time.Advance(Step);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents.Values)
        {
            await agent.DisposeAsync();
        }
    }
}
