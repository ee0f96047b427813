using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;
using Platform.Grains.Matching;
using Platform.Grains.Tenancy;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>No call reads or changes another tenant's data: every cross-tenant reference is refused before anything happens.</summary>
[Collection(MarketplaceCollection.Name)]
public sealed class TenancyTests(MarketplaceCluster cluster)
{
    private readonly Marketplace _acme = new(cluster);
    private readonly Marketplace _globex = new(cluster);

    [Theory]
    [InlineData("job-42", "Grain key 'job-42' has no tenant; expected 'tenant/id'.")]
    [InlineData("/job-42", "Grain key '/job-42' has an empty tenant id; expected 'tenant/id'.")]
    [InlineData("acme/", "Grain key 'acme/' has an empty id; expected 'tenant/id'.")]
    public async Task Grains_refuse_a_malformed_key_with_the_reason(string key, string message)
    {
        (await Should.ThrowAsync<ArgumentException>(() => cluster.Grains.GetGrain<IJobGrain>(key).Get())).Message.ShouldStartWith(message);
        (await Should.ThrowAsync<ArgumentException>(() => cluster.Grains.GetGrain<IFreelancerGrain>(key).GetProfile())).Message.ShouldStartWith(message);
    }

    [Fact]
    public async Task A_freelancer_cannot_apply_to_a_job_of_another_tenant()
    {
        var freelancer = await _acme.NewFreelancerAsync();
        var job = await _globex.NewOpenJobAsync();

        var refused = await Should.ThrowAsync<TenantMismatchException>(() => freelancer.Apply(job.GetPrimaryKeyString(), "Hello"));

        refused.Message.ShouldBe(
            $"'{freelancer.GetPrimaryKeyString()}' of tenant '{_acme.Tenant}' cannot reference job '{job.GetPrimaryKeyString()}' of tenant '{_globex.Tenant}': cross-tenant references are refused.");
        (await job.Get())!.Applicants.ShouldBeEmpty();
        (await cluster.ReadStoredAsync<FreelancerState>("freelancer", freelancer.GetPrimaryKeyString(), "freelancer"))!.JobKeys.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_job_refuses_applicants_offers_hires_and_erasures_naming_a_freelancer_of_another_tenant()
    {
        var job = await _acme.NewOpenJobAsync();
        var stranger = (await _globex.NewFreelancerAsync()).GetPrimaryKeyString();
        var before = await job.Get();

        await Should.ThrowAsync<TenantMismatchException>(() => job.ReceiveApplication(new JobApplication(stranger, "Grace Hopper", "Compilers", "")));
        await Should.ThrowAsync<TenantMismatchException>(() => job.MakeOffer(stranger, 20m));
        await Should.ThrowAsync<TenantMismatchException>(() => job.AcceptOffer(stranger));
        await Should.ThrowAsync<TenantMismatchException>(() => job.ErasePerson(stranger));

        (await job.Get()).ShouldBeSameJob(before!);
    }

    [Fact]
    public async Task A_freelancer_of_another_tenant_can_neither_take_nor_cancel_a_job()
    {
        var (job, _) = await _acme.JobInAsync(JobStatus.Filled);
        var stranger = await _globex.NewFreelancerAsync();
        var jobKey = job.GetPrimaryKeyString();

        await Should.ThrowAsync<TenantMismatchException>(() => stranger.AcceptOffer(jobKey));
        await Should.ThrowAsync<TenantMismatchException>(() => stranger.AddRating(jobKey, 5));
        await Should.ThrowAsync<TenantMismatchException>(() => stranger.NoteCandidacy(jobKey));
        await Should.ThrowAsync<TenantMismatchException>(
            () => job.CancelShift(new ShiftCancellation(ShiftParty.Freelancer, stranger.GetPrimaryKeyString(), "not mine")));

        (await job.Get())!.Status.ShouldBe(JobStatus.Filled);
    }

    [Fact]
    public async Task Candidates_are_resolved_in_the_jobs_own_tenant_only()
    {
        var job = await _acme.NewOpenJobAsync();

        var refused = await Should.ThrowAsync<ArgumentException>(
            () => job.RecordCandidates([new MatchCandidate($"{_globex.Tenant}/f-1", 0.9, 1, 20m)]));

        refused.Message.ShouldStartWith($"Candidate #1 has an invalid freelancer id: Id '{_globex.Tenant}/f-1' contains '/'");
    }

    [Fact]
    public async Task Matching_for_a_published_job_lists_only_freelancers_of_its_tenant()
    {
        var own = await _acme.NewFreelancerAsync();
        await _globex.NewFreelancerAsync();
        var job = await _acme.NewDraftAsync();

        var published = await job.Publish();
        var matched = await _acme.CandidatesRecordedAsync(job, published.Revision);

        matched.Candidates.Select(candidate => candidate.FreelancerKey).ShouldBe([own.GetPrimaryKeyString()]);
        await Should.ThrowAsync<ArgumentException>(() => cluster.Grains.GetGrain<IMatchingGrain>(_globex.Tenant).FindCandidates(
            new MatchQuery(_acme.Tenant, "Barista", ["Barista"], [], 52.5, 13.4, 25, 10m, 30m, "EUR", cluster.Now.AddDays(1), cluster.Now.AddDays(1).AddHours(1), 10)));
    }
}
