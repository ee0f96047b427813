using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Platform.EventSourcing;

namespace Platform.Tests.Shared;

/// <summary>An in-process cluster for journaled grain tests, and a way to reach the journal behind the grains' backs.</summary>
public static class JournalTestCluster
{
    public static async Task<InProcessTestCluster> StartAsync(Action<ISiloBuilder> configureSilo, string? serviceId = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        if (serviceId is not null)
        {
            builder.Options.ServiceId = serviceId;
        }

        builder.ConfigureSilo((_, silo) => configureSilo(silo));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The silo's default journal: appending to it directly plays a stale duplicate activation.</summary>
    public static IEventJournal Journal(this InProcessTestCluster cluster) =>
        cluster.GetSiloServiceProvider().GetRequiredKeyedService<IEventJournal>(IEventJournal.DefaultName);
}
