using System.Text;
using Platform.EventSourcing;
using Platform.Grains.Audit;
using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;
using Platform.Grains.Matching;
using Platform.Grains.Notifications;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>GDPR erasure on the shared in-memory silo; <see cref="ErasureOnPostgreSqlTests"/> scans a real database afterwards.</summary>
[Collection(MarketplaceCollection.Name)]
public sealed class ErasureTests(MarketplaceCluster cluster)
{
    private static readonly ErasureRequest Request = new("privacy-officer", "Art. 17 request of 2026-03-01, ticket 4711");

    private readonly Marketplace _market = new(cluster);

    [Fact]
    public async Task Erase_removes_the_person_everywhere_and_leaves_a_pseudonymous_audit_trail()
    {
        var (done, freelancer) = await _market.JobInAsync(JobStatus.Completed);
        await freelancer.AddRating(done.GetPrimaryKeyString(), 5);
        var open = await _market.NewOpenJobAsync();
        var key = freelancer.GetPrimaryKeyString();

        var receipt = await freelancer.Erase(Request);

        receipt.FreelancerKey.ShouldBe(key);
        receipt.ErasedAt.ShouldBe(cluster.Now);
        receipt.JobsPseudonymized.ShouldBe([done.GetPrimaryKeyString(), open.GetPrimaryKeyString()], ignoreOrder: true);
        receipt.MatchIndexRowRemoved.ShouldBeTrue();
        receipt.AuditStreamId.ShouldBe($"audit/{key}");
        receipt.AuditVersion.ShouldBe(1);

        // The stored row: a tombstone and nothing else.
        var stored = (await cluster.ReadStoredAsync<FreelancerState>("freelancer", key, "freelancer"))!;
        stored.Profile.ShouldBeNull();
        stored.Ratings.ShouldBeEmpty();
        stored.JobKeys.ShouldBeEmpty();
        stored.HiredJobKeys.ShouldBeEmpty();
        stored.Tombstone!.Receipt.ShouldBeSameReceipt(receipt);
        (await freelancer.GetProfile()).ShouldBeNull();
        (await freelancer.GetAssignedJobs()).ShouldBeEmpty();
        (await freelancer.GetJobs()).ShouldBeEmpty();

        // The matching index.
        (await cluster.MatchIndex.RemoveAsync(_market.Tenant, key.Split('/')[1])).ShouldBeFalse("the row is gone already");

        // The read models on the jobs: the pseudonym instead of the person; the hire and the offer stay (financial references).
        var completed = (await done.Get())!;
        completed.Applicants.ShouldBe([new Applicant(key, Applicant.ErasedDisplayName, "", "", completed.Applicants[0].AppliedAt, Erased: true)]);
        completed.Candidates.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            candidate => candidate.FreelancerKey.ShouldBe(key),
            candidate => candidate.DistanceKm.ShouldBeNull(),
            candidate => candidate.HourlyRate.ShouldBeNull(),
            candidate => candidate.Erased.ShouldBeTrue());
        completed.HiredFreelancerKey.ShouldBe(key);
        completed.Offers.ShouldHaveSingleItem().HourlyWage.ShouldBe(20m);
        (await open.Get())!.Candidates.ShouldHaveSingleItem().Erased.ShouldBeTrue();

        // The audit trail: who, when, why; no personal data.
        var events = await cluster.Journal.ReadStreamAsync(receipt.AuditStreamId, 0, 10, CancellationToken.None);
        var recorded = events.ShouldHaveSingleItem();
        recorded.Type.ShouldBe("audit.freelancer-erased");
        EventSerializer<AuditEvent>.Default.Deserialize(recorded).ShouldBeOfType<FreelancerErased>().ShouldSatisfyAllConditions(
            erased => erased.FreelancerKey.ShouldBe(key),
            erased => erased.RequestedBy.ShouldBe("privacy-officer"),
            erased => erased.Reason.ShouldBe(Request.Reason),
            erased => erased.ErasedAt.ShouldBe(receipt.ErasedAt),
            erased => erased.MatchIndexRowRemoved.ShouldBeTrue());
        var json = Encoding.UTF8.GetString(recorded.Data.Span);
        json.ShouldNotContain("Lovelace");
        json.ShouldNotContain(Samples.Email);
        json.ShouldNotContain(Samples.Headline);

        (await cluster.Inbox.WaitForAsync(key, NotificationKind.ErasureCompleted)).Id.ShouldBe($"{key}/erasure-completed");
    }

    [Fact]
    public async Task An_erased_freelancer_refuses_every_change_and_erasing_again_returns_the_same_receipt()
    {
        var (job, freelancer) = await _market.JobInAsync(JobStatus.Open);
        var key = freelancer.GetPrimaryKeyString();
        var jobKey = job.GetPrimaryKeyString();
        var receipt = await freelancer.Erase(Request);
        var erasedAt = receipt.ErasedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        (await Should.ThrowAsync<InvalidOperationException>(() => freelancer.UpdateProfile(Samples.Profile(cluster.Now)))).Message
            .ShouldBe($"Freelancer '{key}' was erased at {erasedAt}; it cannot change its profile.");
        (await Should.ThrowAsync<InvalidOperationException>(() => freelancer.Apply(jobKey, ""))).Message
            .ShouldBe($"Freelancer '{key}' was erased at {erasedAt}; it cannot apply to a job.");
        await Should.ThrowAsync<InvalidOperationException>(() => freelancer.AcceptOffer(jobKey));
        await Should.ThrowAsync<InvalidOperationException>(() => freelancer.VerifyCertification("Food hygiene"));
        (await freelancer.NoteCandidacy(jobKey)).ShouldBeFalse();
        (await Should.ThrowAsync<InvalidOperationException>(() => job.ReceiveApplication(new JobApplication(key, "Ada", "Barista", "")))).Message
            .ShouldBe($"Freelancer '{key}' was erased; job '{jobKey}' takes nothing more under that key.");
        await Should.ThrowAsync<InvalidOperationException>(() => job.MakeOffer(key, 20m));

        (await freelancer.Erase(Request with { Reason = "asked twice" })).ShouldBeSameReceipt(receipt);
        (await cluster.Journal.ReadStreamAsync(receipt.AuditStreamId, 0, 10, CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Matching_never_lists_an_erased_freelancer_again()
    {
        var (job, freelancer) = await _market.JobInAsync(JobStatus.Open);
        var id = freelancer.GetPrimaryKeyString().Split('/')[1];
        await freelancer.Erase(Request);

        // A ranking computed before the erasure and recorded after it.
        var late = await job.RecordCandidates([new MatchCandidate(id, 0.9, 1.5, 20m)]);
        late.Candidates.ShouldBeEmpty();

        var next = await _market.NewDraftAsync();
        var published = await next.Publish();
        (await _market.CandidatesRecordedAsync(next, published.Revision)).Candidates.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Ada Lovelace asked for it", "Erasure reason must not repeat the freelancer's name, e-mail or headline: the audit trail keeps no personal data.")]
    [InlineData("LOVELACE wants out", "Erasure reason must not repeat the freelancer's name, e-mail or headline: the audit trail keeps no personal data.")]
    [InlineData("request by the barista and latte artist", "Erasure reason must not repeat the freelancer's name, e-mail or headline: the audit trail keeps no personal data.")]
    [InlineData("mail from someone@example.org", "Erasure reason must not contain an e-mail address: the audit trail keeps no personal data.")]
    [InlineData(" ", "Erasure reason must not be empty.")]
    public async Task The_reason_may_not_carry_the_data_it_erases(string reason, string message)
    {
        var freelancer = await _market.NewFreelancerAsync();

        var refused = await Should.ThrowAsync<ArgumentException>(() => freelancer.Erase(new ErasureRequest("privacy-officer", reason)));

        refused.Message.ShouldStartWith(message);
        (await freelancer.GetProfile()).ShouldNotBeNull("nothing was erased");
    }

    [Fact]
    public async Task The_requester_must_be_an_id_of_the_tenant()
    {
        var freelancer = await _market.NewFreelancerAsync();

        var refused = await Should.ThrowAsync<ArgumentException>(() => freelancer.Erase(new ErasureRequest("Privacy Officer", "ticket 1")));

        refused.Message.ShouldStartWith("Erasure requester id is invalid: Id 'Privacy Officer' contains ' ' at position 8");
        (await freelancer.GetProfile()).ShouldNotBeNull();
    }

    [Fact]
    public async Task An_erasure_that_failed_half_way_has_already_removed_the_profile_and_finishes_when_called_again()
    {
        var (job, freelancer) = await _market.JobInAsync(JobStatus.Filled);
        cluster.FailingStorage.FailWritesOf(job.GetGrainId());

        await Should.ThrowAsync<OrleansException>(() => freelancer.Erase(Request));
        (await freelancer.GetProfile()).ShouldBeNull("the tombstone is written before anything else");
        (await job.Get())!.Applicants.Single().DisplayName.ShouldBe(Samples.DisplayName, "the job could not be changed yet");

        cluster.FailingStorage.HealWritesOf(job.GetGrainId());
        var receipt = await freelancer.Erase(Request);

        receipt.JobsPseudonymized.ShouldBe([job.GetPrimaryKeyString()]);
        (await job.Get())!.Applicants.Single().DisplayName.ShouldBe(Applicant.ErasedDisplayName);
        (await cluster.Journal.ReadStreamAsync(receipt.AuditStreamId, 0, 10, CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_freelancer_without_a_profile_can_be_erased_too()
    {
        var freelancer = _market.Freelancer(_market.NewKey("never-started"));

        var receipt = await freelancer.Erase(Request);

        receipt.JobsPseudonymized.ShouldBeEmpty();
        receipt.MatchIndexRowRemoved.ShouldBeFalse();
        (await Should.ThrowAsync<InvalidOperationException>(() => freelancer.UpdateProfile(Samples.Profile(cluster.Now)))).Message
            .ShouldContain("was erased");
    }
}
