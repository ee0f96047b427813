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

    private static async Task<InProcessTestCluster> StartAsync(string connectionString, int dimensions)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Matching:Dimensions"] = dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build();
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
