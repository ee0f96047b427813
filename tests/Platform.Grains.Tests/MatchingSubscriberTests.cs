using Platform.Grains.Jobs;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>Publishing a job emits JobCreated on the tenant's stream; the implicit subscriber records matching's ranking on the job.</summary>
[Collection(MarketplaceCollection.Name)]
public sealed class MatchingSubscriberTests(MarketplaceCluster cluster)
{
    private readonly Marketplace _market = new(cluster);

    [Fact]
    public async Task Publishing_a_job_records_the_ranked_candidates_that_pass_every_filter()
    {
        var now = cluster.Now;
        var barista = await _market.NewFreelancerAsync();
        var alsoBarista = await _market.NewFreelancerAsync(Samples.Profile(now) with { Headline = "Coffee", Description = "Espresso.", HourlyRate = 24m });
        await _market.NewFreelancerAsync(Samples.Profile(now) with { Skills = ["Barista"] });
        await _market.NewFreelancerAsync(Samples.Profile(now) with { HourlyRate = 40m });
        await _market.NewFreelancerAsync(Samples.Profile(now) with { Latitude = 48.14, Longitude = 11.58 });
        await _market.NewFreelancerAsync(Samples.Profile(now) with { Availability = [] });
        var job = await _market.NewDraftAsync();

        var published = await job.Publish();
        var matched = await _market.CandidatesRecordedAsync(job, published.Revision);

        matched.Candidates.Select(candidate => candidate.FreelancerKey)
            .ShouldBe([barista.GetPrimaryKeyString(), alsoBarista.GetPrimaryKeyString()], ignoreOrder: true,
                "only those with both skills, a rate inside the window, within 25 km and available for the whole shift");
        matched.Candidates.Select(candidate => candidate.Rank).ShouldBe([1, 2]);
        matched.Candidates[0].Similarity.ShouldBeGreaterThanOrEqualTo(matched.Candidates[1].Similarity);
        matched.Candidates.ShouldAllBe(candidate => candidate.DistanceKm < 25 && !candidate.Erased);
        matched.Status.ShouldBe(JobStatus.Open);
    }

    [Fact]
    public async Task Each_candidate_learns_of_the_job_so_that_an_erasure_finds_it()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var job = await _market.NewOpenJobAsync();

        (await freelancer.GetJobs()).ShouldBe([job.GetPrimaryKeyString()]);
    }

    [Fact]
    public async Task A_job_that_left_Open_before_matching_answered_keeps_its_state_and_the_next_job_is_still_matched()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var early = await _market.NewDraftAsync();
        var next = await _market.NewDraftAsync();

        // Cancelled right after publication: the subscriber's candidate list for it arrives late and is dropped.
        await early.Publish();
        var cancelled = await early.Cancel("posted by mistake");
        var published = await next.Publish();

        // One stream per tenant, delivered in order: once the second job has its candidates, the first was handled.
        var matched = await _market.CandidatesRecordedAsync(next, published.Revision);
        matched.Candidates.Select(candidate => candidate.FreelancerKey).ShouldBe([freelancer.GetPrimaryKeyString()]);
        var after = await early.Get();
        after!.Status.ShouldBe(JobStatus.Cancelled);
        after.Revision.ShouldBe(cancelled.Revision, "nothing was recorded on the cancelled job");
    }
}
