using Platform.Grains.Jobs;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

[Collection(MarketplaceCollection.Name)]
public sealed class JobGrainTests(MarketplaceCluster cluster)
{
    private readonly Marketplace _market = new(cluster);

    [Fact]
    public async Task A_job_without_a_draft_reads_as_null()
    {
        (await _market.Job(_market.NewKey("nobody-drafted-me")).Get()).ShouldBeNull();
    }

    [Fact]
    public async Task SaveDraft_creates_a_cleaned_up_draft_and_replaces_it_while_it_is_one()
    {
        var key = _market.NewKey("job");
        var job = _market.Job(key);
        var skills = new List<string> { " Barista ", "Latte art", "barista" };
        var now = cluster.Now;

        var draft = await job.SaveDraft(Samples.Draft(now) with { Title = "  Barista wanted ", RequiredSkills = skills, Currency = "eur" });
        skills.Add("COBOL");

        draft.JobKey.ShouldBe(key);
        draft.Status.ShouldBe(JobStatus.Draft);
        draft.Title.ShouldBe("Barista wanted");
        draft.RequiredSkills.ShouldBe(["Barista", "Latte art"], "skills are trimmed and de-duplicated ignoring case; the caller's list is not kept");
        draft.Currency.ShouldBe("EUR");
        draft.ShiftStart.ShouldBe(now.AddDays(2));
        draft.CreatedAt.ShouldBe(now);
        draft.PublishedAt.ShouldBeNull();
        draft.Revision.ShouldBe(1);
        (await job.Get()).ShouldBeSameJob(draft);

        cluster.Clock.Advance(TimeSpan.FromMinutes(5));
        var edited = await job.SaveDraft(Samples.Draft(now) with { Title = "Two baristas wanted" });
        edited.Title.ShouldBe("Two baristas wanted");
        edited.CreatedAt.ShouldBe(now);
        edited.UpdatedAt.ShouldBe(now.AddMinutes(5));
        edited.Revision.ShouldBe(2);
    }

    public static TheoryData<JobDraft, string> InvalidDrafts()
    {
        var draft = Samples.Draft(MarketplaceCluster.Epoch);
        return new TheoryData<JobDraft, string>
        {
            { draft with { Title = "   " }, "Job title must not be empty." },
            { draft with { Title = null! }, "Job title must not be empty." },
            { draft with { Title = new string('t', 201) }, "Job title is 201 characters long; at most 200 are allowed." },
            { draft with { ClientId = " " }, "Job client id must not be empty." },
            { draft with { ClientId = "client@example.org" }, "Job client id is invalid: Id 'client@example.org' contains '@' at position 7" },
            { draft with { RequiredSkills = new List<string>() }, "A job must require at least one skill." },
            { draft with { RequiredSkills = new List<string> { "Barista", " " } }, "Required skill #2 is empty." },
            { draft with { RequiredCertifications = new List<string> { "" } }, "Required certification #1 is empty." },
            { draft with { ShiftEnd = draft.ShiftStart }, "Job shift start (2026-03-04T08:00:00.0000000+00:00) must be before its end (2026-03-04T08:00:00.0000000+00:00)." },
            { draft with { ShiftEnd = draft.ShiftStart.AddHours(-1) }, "Job shift start (2026-03-04T08:00:00.0000000+00:00) must be before its end (2026-03-04T07:00:00.0000000+00:00)." },
            { draft with { Latitude = -90.1 }, "Job latitude must be between -90 and 90; it is -90.1." },
            { draft with { Longitude = double.NaN }, "Job longitude must be between -180 and 180; it is NaN." },
            { draft with { RadiusKm = 0 }, "Job radius must be greater than 0 and at most 20000 km; it is 0." },
            { draft with { RadiusKm = double.PositiveInfinity }, "Job radius must be greater than 0 and at most 20000 km; it is Infinity." },
            { draft with { HourlyWageMin = 0m }, "Hourly wage minimum must be greater than 0; it is 0." },
            { draft with { HourlyWageMin = -5m }, "Hourly wage minimum must be greater than 0; it is -5." },
            { draft with { HourlyWageMin = 30m, HourlyWageMax = 20m }, "Hourly wage minimum (30) must not exceed the maximum (20)." },
            { draft with { Currency = "€" }, "Job currency must be a three-letter ISO 4217 code such as EUR; it is '€'." },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public async Task SaveDraft_refuses_an_invalid_draft_naming_the_field_and_writes_nothing(JobDraft draft, string message)
    {
        var key = _market.NewKey("job-invalid");
        var job = _market.Job(key);

        var error = await Should.ThrowAsync<ArgumentException>(() => job.SaveDraft(draft));

        error.Message.ShouldStartWith(message);
        (await job.Get()).ShouldBeNull();
        (await cluster.ReadStoredAsync<JobState>("job", key, "job")).ShouldBeNull("nothing is written for a refused draft");
    }

    [Fact]
    public async Task Publish_opens_the_job_unless_its_shift_has_started()
    {
        var now = cluster.Now;
        var job = await _market.NewDraftAsync();
        var published = await job.Publish();
        published.Status.ShouldBe(JobStatus.Open);
        published.PublishedAt.ShouldBe(now);

        var late = await _market.NewDraftAsync(Samples.Draft(now) with { ShiftStart = now.AddHours(1), ShiftEnd = now.AddHours(9) });
        cluster.Clock.Advance(TimeSpan.FromHours(1));
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => late.Publish());
        refused.Message.ShouldBe(
            $"Cannot Publish job '{late.GetPrimaryKeyString()}': its shift starts at {Iso(now.AddHours(1))}, which is not after now ({Iso(now.AddHours(1))}); move the shift first.");
        (await late.Get())!.Status.ShouldBe(JobStatus.Draft);
    }

    [Fact]
    public async Task Create_run_again_gets_the_job_as_it_is_and_only_finishes_a_publish_the_first_run_did_not_reach()
    {
        var now = cluster.Now;
        var job = _market.Job(_market.NewKey("job"));

        var created = await job.Create(Samples.Draft(now), publish: true);
        // Matching records its (empty) ranking on its own schedule: wait for it, so the job compared is the job as it is.
        var settled = await _market.CandidatesRecordedAsync(job, created.Revision);
        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await job.Create(Samples.Draft(now) with { Title = "Not saved: the job exists" }, publish: true);

        created.Status.ShouldBe(JobStatus.Open);
        again.ShouldBeSameJob(settled);

        // A first run that saved the draft and failed before publishing.
        var drafted = await _market.NewDraftAsync();
        var finished = await drafted.Create(Samples.Draft(now), publish: true);
        finished.Status.ShouldBe(JobStatus.Open);
        finished.Revision.ShouldBe(2, "the draft was not saved again; only the publish was missing");
    }

    [Fact]
    public async Task A_job_goes_from_application_to_offer_to_hire_to_completion()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var key = freelancer.GetPrimaryKeyString();
        var job = await _market.NewOpenJobAsync();
        var jobKey = job.GetPrimaryKeyString();

        var applied = await freelancer.Apply(jobKey, "  Happy to help. ");
        applied.Applicants.ShouldBe([new Applicant(key, Samples.DisplayName, Samples.Headline, "Happy to help.", cluster.Now, Erased: false)]);
        (await freelancer.Apply(jobKey, "Again")).Revision.ShouldBe(applied.Revision, "applying again changes nothing");

        var offered = await job.MakeOffer(key, 22m);
        offered.Offers.ShouldBe([new JobOffer(key, 22m, cluster.Now)]);
        (await job.MakeOffer(key, 22m)).Revision.ShouldBe(offered.Revision, "the same offer again changes nothing");

        var hired = await freelancer.AcceptOffer(jobKey);
        hired.Status.ShouldBe(JobStatus.Filled);
        hired.HiredFreelancerKey.ShouldBe(key);
        (await freelancer.AcceptOffer(jobKey)).Revision.ShouldBe(hired.Revision, "accepting again acknowledges the hire");
        (await freelancer.GetAssignedJobs()).ShouldBe([jobKey]);

        (await job.Start()).Status.ShouldBe(JobStatus.InProgress);
        var completed = await job.Complete();
        completed.Status.ShouldBe(JobStatus.Completed);
        completed.HiredFreelancerKey.ShouldBe(key);
    }

    [Fact]
    public async Task Offers_go_only_to_applicants_or_candidates_within_the_wage_window()
    {
        var candidate = await _market.NewFreelancerAsync();
        var job = await _market.NewOpenJobAsync();
        var stranger = _market.NewKey("stranger");

        var notListed = await Should.ThrowAsync<InvalidOperationException>(() => job.MakeOffer(stranger, 20m));
        notListed.Message.ShouldBe($"Cannot offer job '{job.GetPrimaryKeyString()}' to freelancer '{stranger}': they neither applied nor are a candidate.");
        var tooRich = await Should.ThrowAsync<ArgumentException>(() => job.MakeOffer(candidate.GetPrimaryKeyString(), 25.01m));
        tooRich.Message.ShouldStartWith("Offered hourly wage (25.01) must be within the job's wage window (15 to 25 EUR).");

        (await job.MakeOffer(candidate.GetPrimaryKeyString(), 25m)).Offers.Single().FreelancerKey.ShouldBe(candidate.GetPrimaryKeyString(), "a candidate from matching may get an offer");
    }

    [Fact]
    public async Task Accepting_needs_an_offer()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var job = await _market.NewOpenJobAsync();
        await freelancer.Apply(job.GetPrimaryKeyString(), "");

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => freelancer.AcceptOffer(job.GetPrimaryKeyString()));

        refused.Message.ShouldBe($"Cannot hire freelancer '{freelancer.GetPrimaryKeyString()}' for job '{job.GetPrimaryKeyString()}': the client made them no offer.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
        (await freelancer.GetAssignedJobs()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_hired_freelancer_cancelling_before_the_shift_reopens_the_job()
    {
        var (job, freelancer) = await _market.JobInAsync(JobStatus.Filled);

        var reopened = await job.CancelShift(new ShiftCancellation(ShiftParty.Freelancer, freelancer.GetPrimaryKeyString(), " sick "));

        reopened.Status.ShouldBe(JobStatus.Open);
        reopened.HiredFreelancerKey.ShouldBeNull();
        reopened.Offers.ShouldBeEmpty("offers made before the hire are void");
        reopened.LastShiftCancellation.ShouldBe(new ShiftCancellation(ShiftParty.Freelancer, freelancer.GetPrimaryKeyString(), "sick"));
        reopened.CancellationReason.ShouldBeNull();
    }

    [Fact]
    public async Task The_hired_freelancer_cancelling_once_the_shift_began_cancels_the_job()
    {
        var (job, freelancer) = await _market.JobInAsync(JobStatus.Filled);
        var shift = (await job.Get())!;
        cluster.Clock.Advance(shift.ShiftStart - cluster.Now);

        var cancelled = await job.CancelShift(new ShiftCancellation(ShiftParty.Freelancer, freelancer.GetPrimaryKeyString(), "stuck in traffic"));

        cancelled.Status.ShouldBe(JobStatus.Cancelled);
        cancelled.CancellationReason.ShouldBe("stuck in traffic");
        cancelled.HiredFreelancerKey.ShouldBe(freelancer.GetPrimaryKeyString(), "the hire stays on record");
    }

    [Fact]
    public async Task The_client_cancelling_the_shift_cancels_the_job()
    {
        var (job, _) = await _market.JobInAsync(JobStatus.InProgress);

        var cancelled = await job.CancelShift(new ShiftCancellation(ShiftParty.Client, null, "market closed by the city"));

        cancelled.Status.ShouldBe(JobStatus.Cancelled);
        cancelled.LastShiftCancellation.ShouldBe(new ShiftCancellation(ShiftParty.Client, null, "market closed by the city"));
    }

    [Fact]
    public async Task Only_the_hired_freelancer_may_cancel_the_shift_and_only_with_a_reason()
    {
        var (job, hired) = await _market.JobInAsync(JobStatus.Filled);
        var other = _market.NewKey("other");

        (await Should.ThrowAsync<InvalidOperationException>(() => job.CancelShift(new ShiftCancellation(ShiftParty.Freelancer, other, "not me")))).Message
            .ShouldBe($"Freelancer '{other}' cannot cancel the shift of job '{job.GetPrimaryKeyString()}': '{hired.GetPrimaryKeyString()}' is hired for it.");
        (await Should.ThrowAsync<ArgumentException>(() => job.CancelShift(new ShiftCancellation(ShiftParty.Freelancer, null, "who?")))).Message
            .ShouldStartWith("A freelancer cancelling a shift must give their freelancer key.");
        (await Should.ThrowAsync<ArgumentException>(() => job.CancelShift(new ShiftCancellation(ShiftParty.Client, null, " ")))).Message
            .ShouldBe("A cancellation reason is required.");
        (await Should.ThrowAsync<ArgumentException>(() => job.Cancel(null!))).Message.ShouldBe("A cancellation reason is required.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Filled);
    }

    [Fact]
    public async Task Every_change_is_stored_before_the_call_returns_and_leaves_no_outbox_behind()
    {
        var (job, freelancer) = await _market.JobInAsync(JobStatus.Filled);
        var key = job.GetPrimaryKeyString();

        var stored = (await cluster.ReadStoredAsync<JobState>("job", key, "job"))!;

        stored.Status.ShouldBe(JobStatus.Filled);
        stored.HiredFreelancerKey.ShouldBe(freelancer.GetPrimaryKeyString());
        stored.Outbox.ShouldBeEmpty("published notifications are cleared");
        stored.PendingJobCreated.ShouldBeNull();
        (await job.Start()).Status.ShouldBe(JobStatus.InProgress);
        (await cluster.ReadStoredAsync<JobState>("job", key, "job"))!.Status.ShouldBe(JobStatus.InProgress);
    }

    [Fact]
    public async Task A_job_survives_deactivation_and_continues_from_its_stored_state()
    {
        var (job, freelancer) = await _market.JobInAsync(JobStatus.InProgress);
        var before = (await job.Get())!;

        await cluster.DeactivateAsync(job);

        (await job.Get()).ShouldBeSameJob(before);
        (await job.Complete()).Status.ShouldBe(JobStatus.Completed);
        (await freelancer.GetAssignedJobs()).ShouldBe([job.GetPrimaryKeyString()]);
    }

    [Fact]
    public async Task A_copy_that_read_the_job_before_another_activation_created_it_does_not_answer_that_it_does_not_exist()
    {
        var key = _market.NewKey("job");
        var copy = _market.Job(key);
        (await copy.Get()).ShouldBeNull();
        var created = await _market.NewDraftAsync();
        var stored = (await cluster.ReadStoredAsync<JobState>("job", created.GetPrimaryKeyString(), "job"))!;

        // What another activation of the same job wrote while Orleans' directory routed this caller to the copy (after
        // a silo died): the copy's memory still says there is no job.
        await cluster.Storage.WriteStateAsync("job", GrainId.Create("job", key), new GrainState<JobState>(stored));

        var job = await copy.Get();
        job.ShouldNotBeNull("the acknowledged job is read from storage, not denied from the copy's memory");
        job.Title.ShouldBe(stored.Title);
    }

    [Fact]
    public async Task A_failed_write_leaves_the_job_as_stored_and_the_hire_can_be_retried()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var job = await _market.NewOpenJobAsync();
        await freelancer.Apply(job.GetPrimaryKeyString(), "");
        await job.MakeOffer(freelancer.GetPrimaryKeyString(), 20m);

        cluster.FailingStorage.FailWritesOf(job.GetGrainId());
        // Orleans wraps what the storage provider threw, naming the provider and the grain.
        var error = await Should.ThrowAsync<OrleansException>(() => freelancer.AcceptOffer(job.GetPrimaryKeyString()));
        error.InnerException.ShouldBeOfType<IOException>().Message.ShouldStartWith("storage is down");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open, "the activation keeps the state that is still stored");
        (await freelancer.GetAssignedJobs()).ShouldBeEmpty();

        cluster.FailingStorage.HealWritesOf(job.GetGrainId());
        (await freelancer.AcceptOffer(job.GetPrimaryKeyString())).Status.ShouldBe(JobStatus.Filled);
        (await freelancer.GetAssignedJobs()).ShouldBe([job.GetPrimaryKeyString()], "the retried hire is recorded once");
    }

    [Fact]
    public async Task Snapshots_do_not_share_lists_with_the_grain()
    {
        var job = await _market.NewOpenJobAsync();
        var published = (await job.Get())!;

        if (published.RequiredSkills is string[] skills)
        {
            skills[0] = "COBOL";
        }

        (await job.Get())!.RequiredSkills.ShouldBe(["Barista", "Latte art"]);
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
