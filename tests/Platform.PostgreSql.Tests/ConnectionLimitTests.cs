using Npgsql;
using Orleans.TestingHost;

namespace Platform.PostgreSql.Tests;

/// <summary>
/// How many connections a silo may take from PostgreSQL: bounded by default far below Npgsql's 100 a pool, so that a
/// cluster of silos fits the server's <c>max_connections</c>, and by the connection string's own limit when it sets one.
/// </summary>
public sealed class ConnectionLimitTests
{
    /// <summary>Concurrent state writes per round: well past any of the limits, so that an unbounded pool would grow past them.</summary>
    private const int ConcurrentWrites = 400;

    private const string ApplicationName = "connection-limit-test";

    /// <summary>The client's gateway list reads share the application name and hold a connection at a time.</summary>
    private const int ClientConnections = 1;

    /// <summary>
    /// The connections a silo may hold under the writes, the client's included. The explicit 100 shows that the writes
    /// do open more than the default allows, so that the other rows' bounds are a limit at work, not an idle pool.
    /// </summary>
    public static TheoryData<string, string, int, int> Limits => new()
    {
        { "no limit in the connection string", string.Empty, 2, PlatformConnectionStrings.DefaultMaxPoolSize + ClientConnections },
        { "Maximum Pool Size=4", ";Maximum Pool Size=4", 2, 4 + ClientConnections },
        { "MaxPoolSize=100", ";MaxPoolSize=100", PlatformConnectionStrings.DefaultMaxPoolSize + ClientConnections + 1, 100 + ClientConnections },
    };

    [Theory]
    [InlineData("Host=db;Database=platform", 32)]
    [InlineData("Host=db;Database=platform;Maximum Pool Size=5", 5)]
    [InlineData("Host=db;Database=platform;maximum pool size=100", 100)]
    [InlineData("Host=db;Database=platform;MaxPoolSize=7", 7)]
    [InlineData("Host=db;Database=platform;Minimum Pool Size=40", 40)]
    public void The_platform_pool_keeps_a_limit_the_connection_string_sets_and_is_bounded_when_it_sets_none(string connectionString, int expected)
    {
        var normalized = new NpgsqlConnectionStringBuilder(PlatformConnectionStrings.Normalize(connectionString));

        normalized.MaxPoolSize.ShouldBe(expected);
        normalized.Timezone.ShouldBe("UTC");
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_with_what_is_wrong()
    {
        var error = Should.Throw<ArgumentException>(() => PlatformConnectionStrings.Normalize("Host=db;Maximum Pool Size=many"));

        error.ParamName.ShouldBe("connectionString");
        error.Message.ShouldStartWith("The PostgreSQL connection string is malformed:");
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task A_silo_under_concurrent_writes_never_holds_more_connections_than_its_limit(string limit, string setting, int fewest, int most)
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var builder = new TestClusterBuilder(1);
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[PostgresSiloConfigurator.ConnectionStringKey] = $"{database.ConnectionString};Application Name={ApplicationName}{setting}";
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        for (var round = 1; round <= 3; round++)
        {
            var counts = await Task.WhenAll(Enumerable.Range(0, ConcurrentWrites).Select(i => cluster.Client.GetGrain<ICounterGrain>($"limit:{i}").Increment()));
            counts.ShouldAllBe(count => count == round, limit);
        }

        // Npgsql keeps an opened connection idle in its pool for minutes, so what is open now is what the writes opened.
        var open = await database.CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2", database.Name, ApplicationName);
        open.ShouldBeInRange(fewest, most, limit);
    }
}
