using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;
using Platform.Grains.Tests.Support;
using Platform.PostgreSql;

namespace Platform.Grains.Tests;

/// <summary>Grain state in PostgreSQL through UsePlatformPostgreSql: what a silo acknowledged survives the whole cluster's restart.</summary>
public sealed class DurableGrainStateTests
{
    [Fact]
    public async Task Jobs_and_freelancers_survive_a_restart_of_every_silo()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var serviceId = $"durable-{Guid.NewGuid():N}";
        JobSnapshot assigned;
        await using (var first = await StartAsync(database.ConnectionString, serviceId))
        {
            await first.Client.GetGrain<IFreelancerGrain>("ada").UpdateProfile(Samples.Profile());
            var job = first.Client.GetGrain<IJobGrain>("job:durable");
            await job.Post(Samples.Draft());
            assigned = await job.Assign("ada");
        }

        (await database.CountAsync("SELECT count(*) FROM orleans_grain_state WHERE state_name IN ('job', 'freelancer')")).ShouldBe(2L);

        await using var second = await StartAsync(database.ConnectionString, serviceId);
        (await second.Client.GetGrain<IJobGrain>("job:durable").Get()).ShouldBeSameJob(assigned);
        (await second.Client.GetGrain<IFreelancerGrain>("ada").GetAssignedJobs()).ShouldBe(["job:durable"]);
        var completed = await second.Client.GetGrain<IJobGrain>("job:durable").Complete();
        completed.Status.ShouldBe(JobStatus.Completed);
    }

    private static async Task<InProcessTestCluster> StartAsync(string connectionString, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;

        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseSiloMetadata(new Dictionary<string, string> { [ZonePlacement.MetadataKey] = "test" });
            silo.UsePlatformPostgreSql(connectionString);
        });
        builder.ConfigureClient(client => client.UsePlatformPostgreSqlClustering(connectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
