using Platform.Grains;
using Platform.Grains.Jobs;
using Platform.Testing;

namespace Platform.PostgreSql.Tests;

public sealed class DurableGrainTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Acknowledged_grain_state_survives_a_silo_restart()
    {
        var draft = new JobDraft("Durable job", "Survives restarts", ["C#"], 40, 60, "client-1");
        await using (var first = await StartAsync())
        {
            await first.GrainFactory.GetGrain<IJobGrain>("durable-1").Post(draft);
        }

        await using var second = await StartAsync();
        var job = await second.GrainFactory.GetGrain<IJobGrain>("durable-1").Get();

        job.ShouldNotBeNull();
        job.Title.ShouldBe("Durable job");
        job.Status.ShouldBe(JobStatus.Open);
    }

    private Task<InProcessTestCluster> StartAsync() =>
        InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(MarketplaceGrains).Assembly)
            .ConfigureSilo(silo => silo.AddPostgreSqlGrainStorage(database.ConnectionString))
            .BuildAndStartAsync();
}
