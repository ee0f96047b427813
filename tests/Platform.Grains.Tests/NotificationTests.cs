using Platform.Grains.Jobs;
using Platform.Grains.Notifications;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>Every change that concerns a person reaches them on "platform.notifications", through a real implicit subscriber.</summary>
[Collection(MarketplaceCollection.Name)]
public sealed class NotificationTests(MarketplaceCluster cluster)
{
    private readonly Marketplace _market = new(cluster);

    [Fact]
    public async Task Each_step_of_a_hire_notifies_the_person_it_concerns_without_personal_data()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var key = freelancer.GetPrimaryKeyString();
        var job = await _market.NewOpenJobAsync();
        var jobKey = job.GetPrimaryKeyString();

        var applied = await freelancer.Apply(jobKey, "Happy to help.");
        var received = await cluster.Inbox.WaitForAsync(_market.ClientKey, NotificationKind.ApplicationReceived);
        var offered = await job.MakeOffer(key, 21m);
        var offer = await cluster.Inbox.WaitForAsync(key, NotificationKind.OfferMade);
        var hired = await freelancer.AcceptOffer(jobKey);
        var hiredFreelancer = await cluster.Inbox.WaitForAsync(key, NotificationKind.Hired);
        var hiredClient = await cluster.Inbox.WaitForAsync(_market.ClientKey, NotificationKind.Hired);

        received.Id.ShouldBe($"{jobKey}#{applied.Revision}/ApplicationReceived/{_market.ClientKey}");
        received.Payload["job"].ShouldBe(jobKey);
        received.Payload["freelancer"].ShouldBe(key);
        received.Payload["title"].ShouldBe("Barista for the Saturday market");
        offer.Id.ShouldBe($"{jobKey}#{offered.Revision}/OfferMade/{key}");
        offer.Payload["hourlyWage"].ShouldBe("21");
        offer.Payload["currency"].ShouldBe("EUR");
        hiredFreelancer.Id.ShouldBe($"{jobKey}#{hired.Revision}/Hired/{key}");
        hiredClient.Id.ShouldNotBe(hiredFreelancer.Id);
        hiredClient.CreatedAt.ShouldBe(cluster.Now);
        Notification[] all = [received, offer, hiredFreelancer, hiredClient];
        all.SelectMany(notification => notification.Payload.Values)
            .ShouldAllBe(value => !value.Contains("Ada") && !value.Contains("@") && !value.Contains(Samples.Headline));
    }

    [Fact]
    public async Task A_shift_cancellation_notifies_the_other_side()
    {
        var (byFreelancer, first) = await _market.JobInAsync(JobStatus.Filled);
        await byFreelancer.CancelShift(new ShiftCancellation(ShiftParty.Freelancer, first.GetPrimaryKeyString(), "sick"));
        var toClient = await cluster.Inbox.WaitForAsync(_market.ClientKey, NotificationKind.ShiftCancelled);

        var (byClient, second) = await _market.JobInAsync(JobStatus.Filled);
        await byClient.CancelShift(new ShiftCancellation(ShiftParty.Client, null, "market closed"));
        var toFreelancer = await cluster.Inbox.WaitForAsync(second.GetPrimaryKeyString(), NotificationKind.ShiftCancelled);

        toClient.Payload["cancelledBy"].ShouldBe("Freelancer");
        toClient.Payload["reopened"].ShouldBe("true");
        toClient.Payload["reason"].ShouldBe("sick");
        toFreelancer.Payload["cancelledBy"].ShouldBe("Client");
        toFreelancer.Payload["reopened"].ShouldBe("false");
        cluster.Inbox.For(first.GetPrimaryKeyString()).ShouldNotContain(notification => notification.Kind == NotificationKind.ShiftCancelled);
    }

    [Fact]
    public async Task Cancelling_a_job_notifies_its_applicants_and_those_with_an_offer()
    {
        var applicant = await _market.NewFreelancerAsync();
        var candidate = await _market.NewFreelancerAsync();
        var job = await _market.NewOpenJobAsync();
        await applicant.Apply(job.GetPrimaryKeyString(), "");
        await job.MakeOffer(candidate.GetPrimaryKeyString(), 20m);

        await job.Cancel("budget withdrawn");

        (await cluster.Inbox.WaitForAsync(applicant.GetPrimaryKeyString(), NotificationKind.JobCancelled)).Payload["reason"].ShouldBe("budget withdrawn");
        await cluster.Inbox.WaitForAsync(candidate.GetPrimaryKeyString(), NotificationKind.JobCancelled);
    }

    [Fact]
    public async Task Notifications_left_in_the_outbox_are_published_when_the_job_is_activated_again()
    {
        var key = _market.NewKey("crashed");
        var recipient = _market.NewKey("f");
        var pending = new Notification($"{key}#7/OfferMade/{recipient}", recipient, NotificationKind.OfferMade, new Dictionary<string, string> { ["job"] = key }, cluster.Now);

        // What a silo leaves behind when it dies between writing a change and publishing its notifications.
        await cluster.Storage.WriteStateAsync("job", GrainId.Create("job", key), new GrainState<JobState>(new JobState
        {
            Status = JobStatus.Open,
            CreatedAt = cluster.Now,
            Revision = 7,
            Outbox = new[] { pending },
        }));

        (await _market.Job(key).Get())!.Revision.ShouldBe(7);

        (await cluster.Inbox.WaitForAsync(recipient, NotificationKind.OfferMade)).Id.ShouldBe(pending.Id);
        (await cluster.ReadStoredAsync<JobState>("job", key, "job"))!.Outbox.ShouldBeEmpty();
    }
}
