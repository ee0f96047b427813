using Orleans.Configuration;
using Orleans.TestingHost;
using Microsoft.Extensions.Configuration;

namespace Platform.PostgreSql.Tests;

/// <summary>
/// Silos of a classic <see cref="TestCluster"/> on <see cref="PostgreSqlBuilderExtensions.UsePlatformPostgreSql"/>. The
/// classic builder is used because it can switch off the testing host's own membership table, which
/// <c>InProcessTestClusterBuilder</c> always registers last (and which would shadow the ADO.NET clustering).
/// </summary>
internal sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    public const string ConnectionStringKey = "PlatformTestPostgres";

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.UsePlatformPostgreSql(siloBuilder.Configuration[ConnectionStringKey]!);

        // Reminders every second instead of Orleans' one-minute minimum keep the reminder test short.
        siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }
}

internal sealed class PostgresClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.UsePlatformPostgreSqlClustering(configuration[PostgresSiloConfigurator.ConnectionStringKey]!);
        clientBuilder.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
    }
}
