using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>Grain state in PostgreSQL through UsePlatformPostgreSql: what a silo acknowledged survives the whole cluster's restart.</summary>
public sealed class DurableGrainStateTests
{
    private readonly FakeTimeProvider _clock = new(MarketplaceCluster.Epoch);
    private readonly NotificationInbox _inbox = new();

    [Fact]
    public async Task Jobs_and_freelancers_survive_a_restart_of_every_silo()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var serviceId = $"durable-{Guid.NewGuid():N}";
        JobSnapshot hired;
        await using (var first = await PostgresMarketplace.StartAsync(database.ConnectionString, serviceId, _clock, _inbox))
        {
            var freelancer = first.Client.GetGrain<IFreelancerGrain>("acme/ada");
            await freelancer.UpdateProfile(Samples.Profile(_clock.GetUtcNow()));
            var job = first.Client.GetGrain<IJobGrain>("acme/job-durable");
            await job.SaveDraft(Samples.Draft(_clock.GetUtcNow()));
            await job.Publish();
            await freelancer.Apply("acme/job-durable", "Count on me.");
            await job.MakeOffer("acme/ada", 20m);
            hired = await freelancer.AcceptOffer("acme/job-durable");
        }

        (await database.CountAsync("SELECT count(*) FROM orleans_grain_state WHERE state_name IN ('job', 'freelancer')")).ShouldBe(2L);

        await using var second = await PostgresMarketplace.StartAsync(database.ConnectionString, serviceId, _clock, _inbox);
        var stored = await second.Client.GetGrain<IJobGrain>("acme/job-durable").Get();
        stored!.Status.ShouldBe(JobStatus.Filled);
        stored.Applicants.ShouldBe(hired.Applicants);
        stored.HiredFreelancerKey.ShouldBe("acme/ada");
        (await second.Client.GetGrain<IFreelancerGrain>("acme/ada").GetAssignedJobs()).ShouldBe(["acme/job-durable"]);
        (await second.Client.GetGrain<IJobGrain>("acme/job-durable").Start()).Status.ShouldBe(JobStatus.InProgress);
    }
}
