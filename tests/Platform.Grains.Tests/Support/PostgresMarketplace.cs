using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Platform.PostgreSql;
using Platform.PostgreSql.Matching;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// A one-silo cluster of the marketplace as production runs it: grain state, PubSubStore, reminders, membership and the
/// event journal in PostgreSQL (UsePlatformPostgreSql), the matching index in pgvector, memory streams.
/// </summary>
public static class PostgresMarketplace
{
    public static async Task<InProcessTestCluster> StartAsync(string connectionString, string serviceId, FakeTimeProvider clock, NotificationInbox inbox)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UsePlatformPostgreSql(connectionString);
            silo.UsePlatformPostgreSqlMatching(connectionString);
            silo.AddMarketplace(clock, inbox);
        });
        builder.ConfigureClient(client => client.UsePlatformPostgreSqlClustering(connectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
