using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Platform.Grains.Matching;
using Platform.Matching.Hosting;
using Platform.Matching.Tests.Support;
using Platform.PostgreSql.Matching;
using static Platform.Matching.Tests.Support.MatchSamples;

namespace Platform.Matching.Tests.Grains;

/// <summary>A silo with matching on PostgreSQL, wired as the silo executable wires it, on a database of its own.</summary>
public sealed class PostgreSqlMatchingSiloTests
{
    [Fact]
    public async Task A_silo_creates_the_column_on_a_fresh_database_and_answers_from_pgvector_and_one_with_another_dimension_does_not_start()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using (var cluster = await StartAsync(database.ConnectionString, dimensions: 64))
        {
            var services = cluster.GetSiloServiceProvider();
            var index = services.GetRequiredService<IFreelancerMatchIndex>();
            index.ShouldBeOfType<PostgreSqlFreelancerMatchIndex>();
            var embeddings = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var tenant = NewTenant();
            var document = Document(tenant, "solar") with { ProfileText = "Electrician for solar roofs" };
            await index.UpsertAsync(document, await embeddings.GenerateVectorAsync(document.ProfileText));

            var candidates = await cluster.Client.GetGrain<IMatchingGrain>(tenant).FindCandidates(Query(tenant) with { JobText = "solar roofs" });

            candidates.ShouldHaveSingleItem().FreelancerId.ShouldBe("solar");
        }

        var error = await Should.ThrowAsync<Exception>(() => StartAsync(database.ConnectionString, dimensions: 32));

        error.ToString().ShouldContain(
            "The matching index stores 64-dimensional embeddings (column matching_freelancers.embedding is vector(64)), but Matching:Dimensions is 32.");
    }

    [Theory]
    [InlineData("EfSearch", "0", "Matching:PostgreSql:EfSearch must be between 1 and 1000 (hnsw.ef_search); it is 0.")]
    [InlineData("MaxScanTuples", "0", "Matching:PostgreSql:MaxScanTuples must be at least 1 (hnsw.max_scan_tuples); it is 0.")]
    [InlineData("MaxConnections", "0", "Matching:PostgreSql:MaxConnections must be between 1 and 1000 (the matching pool's Maximum Pool Size); it is 0.")]
    [InlineData("MaxConnections", "1001", "Matching:PostgreSql:MaxConnections must be between 1 and 1000 (the matching pool's Maximum Pool Size); it is 1001.")]
    public async Task A_silo_with_a_search_or_pool_setting_out_of_range_does_not_start_and_names_it(string key, string value, string message)
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();

        var error = await Should.ThrowAsync<Exception>(() => StartAsync(database.ConnectionString, dimensions: 16, (key, value)));

        error.ToString().ShouldContain(message);
    }

    [Fact]
    public async Task Concurrent_queries_never_hold_more_connections_than_the_matching_pool_allows()
    {
        const string applicationName = "matching-pool-test";
        const int maxConnections = 3;
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var cluster = await StartAsync(
            $"{database.ConnectionString};Application Name={applicationName}", dimensions: 16, ("MaxConnections", maxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var tenants = Enumerable.Range(0, 60).Select(_ => NewTenant()).ToArray();

        var answers = await Task.WhenAll(tenants.Select(tenant => cluster.Client.GetGrain<IMatchingGrain>(tenant).FindCandidates(Query(tenant) with { JobText = "solar roofs" })));

        answers.ShouldAllBe(candidates => candidates.Count == 0);
        var open = await database.CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2", database.Name, applicationName);
        open.ShouldBeInRange(1, maxConnections);
    }

    private static async Task<InProcessTestCluster> StartAsync(string connectionString, int dimensions, params (string Key, string Value)[] postgreSqlSettings)
    {
        var settings = new Dictionary<string, string?> { ["Matching:Dimensions"] = dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in postgreSqlSettings)
        {
            settings[$"Matching:PostgreSql:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UsePlatformPostgreSqlMatching(connectionString, configuration.GetSection("Matching:PostgreSql"));
            silo.AddPlatformMatching(configuration.GetSection("Matching"));
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
