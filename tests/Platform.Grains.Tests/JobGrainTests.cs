using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

[Collection(MarketplaceCollection.Name)]
public sealed class JobGrainTests(MarketplaceCluster cluster)
{
    [Fact]
    public async Task A_job_never_posted_reads_as_null()
    {
        (await cluster.Grains.GetGrain<IJobGrain>(MarketplaceCluster.NewId("nobody-posted-me")).Get()).ShouldBeNull();
    }

    [Fact]
    public async Task Post_opens_the_job_with_a_cleaned_up_copy_of_the_draft()
    {
        var id = MarketplaceCluster.NewId("job");
        var job = cluster.Grains.GetGrain<IJobGrain>(id);
        var skills = new List<string> { " C# ", "PostgreSQL", "c#" };
        var before = DateTimeOffset.UtcNow;

        var posted = await job.Post(Samples.Draft() with { Title = "  Build a booking API ", RequiredSkills = skills });
        skills.Add("COBOL");

        (await job.Get()).ShouldBeSameJob(posted);
        posted.JobId.ShouldBe(id);
        posted.Status.ShouldBe(JobStatus.Open);
        posted.Title.ShouldBe("Build a booking API");
        posted.Description.ShouldBe("REST API for a small hotel.");
        posted.RequiredSkills.ShouldBe(["C#", "PostgreSQL"], "skills are trimmed and de-duplicated ignoring case; the caller's list is not kept");
        posted.HourlyWageMin.ShouldBe(40m);
        posted.HourlyWageMax.ShouldBe(60m);
        posted.ClientId.ShouldBe("client-1");
        posted.AssignedFreelancerId.ShouldBeNull();
        posted.CancellationReason.ShouldBeNull();
        posted.PostedAt!.Value.ShouldBeInRange(before, DateTimeOffset.UtcNow);
        posted.UpdatedAt.ShouldBe(posted.PostedAt);
    }

    [Fact]
    public async Task Snapshots_do_not_share_lists_with_the_grain()
    {
        var job = cluster.Grains.GetGrain<IJobGrain>(MarketplaceCluster.NewId("job-copy"));
        var posted = await job.Post(Samples.Draft());

        if (posted.RequiredSkills is string[] skills)
        {
            skills[0] = "COBOL";
        }

        (await job.Get())!.RequiredSkills.ShouldBe(["C#", "PostgreSQL"]);
    }

    public static TheoryData<JobDraft, string> InvalidDrafts => new()
    {
        { Samples.Draft() with { Title = "" }, "Job title must not be empty." },
        { Samples.Draft() with { Title = "   " }, "Job title must not be empty." },
        { Samples.Draft() with { Title = null! }, "Job title must not be empty." },
        { Samples.Draft() with { ClientId = " " }, "Job client id must not be empty." },
        { Samples.Draft() with { RequiredSkills = new List<string>() }, "A job must require at least one skill." },
        { Samples.Draft() with { RequiredSkills = null! }, "A job must require at least one skill." },
        { Samples.Draft() with { RequiredSkills = new List<string> { "C#", " " } }, "Required skill #2 is empty." },
        { Samples.Draft() with { HourlyWageMin = 0m }, "Hourly wage minimum must be greater than 0; it is 0." },
        { Samples.Draft() with { HourlyWageMin = -5m, HourlyWageMax = 10m }, "Hourly wage minimum must be greater than 0; it is -5." },
        { Samples.Draft() with { HourlyWageMin = 50m, HourlyWageMax = 40m }, "Hourly wage minimum (50) must not exceed the maximum (40)." },
    };

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public async Task Post_refuses_an_invalid_draft_naming_the_field_and_leaves_the_job_unposted(JobDraft draft, string message)
    {
        var id = MarketplaceCluster.NewId("job-invalid");
        var job = cluster.Grains.GetGrain<IJobGrain>(id);

        var error = await Should.ThrowAsync<ArgumentException>(() => job.Post(draft));

        error.Message.ShouldBe(message);
        (await job.Get()).ShouldBeNull();
        (await cluster.ReadStoredAsync<JobState>("job", id, "job")).ShouldBeNull("nothing is written for a refused draft");
    }

    [Fact]
    public async Task Equal_minimum_and_maximum_wages_are_accepted()
    {
        var posted = await cluster.Grains.GetGrain<IJobGrain>(MarketplaceCluster.NewId("job-fixed"))
            .Post(Samples.Draft() with { HourlyWageMin = 45m, HourlyWageMax = 45m });

        posted.HourlyWageMin.ShouldBe(posted.HourlyWageMax);
    }

    [Fact]
    public async Task Assign_moves_an_open_job_to_assigned_and_records_it_with_the_freelancer()
    {
        var freelancerId = MarketplaceCluster.NewId("ada");
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(freelancerId);
        await freelancer.UpdateProfile(Samples.Profile());
        var jobId = MarketplaceCluster.NewId("job");
        var job = cluster.Grains.GetGrain<IJobGrain>(jobId);
        var posted = await job.Post(Samples.Draft());

        var assigned = await job.Assign(freelancerId);

        assigned.Status.ShouldBe(JobStatus.Assigned);
        assigned.AssignedFreelancerId.ShouldBe(freelancerId);
        assigned.PostedAt.ShouldBe(posted.PostedAt);
        assigned.UpdatedAt!.Value.ShouldBeGreaterThanOrEqualTo(posted.UpdatedAt!.Value);
        (await freelancer.GetAssignedJobs()).ShouldBe([jobId]);
    }

    [Fact]
    public async Task Assign_refuses_a_freelancer_without_a_profile()
    {
        var jobId = MarketplaceCluster.NewId("job");
        var ghost = MarketplaceCluster.NewId("ghost");
        var job = cluster.Grains.GetGrain<IJobGrain>(jobId);
        await job.Post(Samples.Draft());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => job.Assign(ghost));

        error.Message.ShouldBe($"Cannot assign job '{jobId}' to freelancer '{ghost}': the freelancer has no profile.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
        (await cluster.Grains.GetGrain<IFreelancerGrain>(ghost).GetAssignedJobs()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Assign_refuses_an_unavailable_freelancer()
    {
        var jobId = MarketplaceCluster.NewId("job");
        var busy = MarketplaceCluster.NewId("busy");
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(busy);
        await freelancer.UpdateProfile(Samples.Profile(available: false));
        var job = cluster.Grains.GetGrain<IJobGrain>(jobId);
        await job.Post(Samples.Draft());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => job.Assign(busy));

        error.Message.ShouldBe($"Cannot assign job '{jobId}' to freelancer '{busy}': the freelancer is not available.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
        (await freelancer.GetAssignedJobs()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Assign_requires_a_freelancer_id(string freelancerId)
    {
        var job = cluster.Grains.GetGrain<IJobGrain>(MarketplaceCluster.NewId("job"));
        await job.Post(Samples.Draft());

        var error = await Should.ThrowAsync<ArgumentException>(() => job.Assign(freelancerId));

        error.Message.ShouldBe("A freelancer id is required to assign a job.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
    }

    [Fact]
    public async Task Complete_moves_an_assigned_job_to_completed()
    {
        var (job, freelancerId) = await AssignedJobAsync("job");
        var assigned = (await job.Get())!;

        var completed = await job.Complete();

        completed.Status.ShouldBe(JobStatus.Completed);
        completed.AssignedFreelancerId.ShouldBe(freelancerId);
        completed.UpdatedAt!.Value.ShouldBeGreaterThanOrEqualTo(assigned.UpdatedAt!.Value);
    }

    [Fact]
    public async Task Cancel_closes_an_open_job_and_keeps_the_reason()
    {
        var job = cluster.Grains.GetGrain<IJobGrain>(MarketplaceCluster.NewId("job"));
        await job.Post(Samples.Draft());

        var cancelled = await job.Cancel("  budget withdrawn ");

        cancelled.Status.ShouldBe(JobStatus.Cancelled);
        cancelled.CancellationReason.ShouldBe("budget withdrawn");
        (await job.Get()).ShouldBeSameJob(cancelled);
    }

    [Fact]
    public async Task Cancel_closes_an_assigned_job()
    {
        var (job, freelancerId) = await AssignedJobAsync("job");

        var cancelled = await job.Cancel("client went quiet");

        cancelled.Status.ShouldBe(JobStatus.Cancelled);
        cancelled.AssignedFreelancerId.ShouldBe(freelancerId);
        cancelled.CancellationReason.ShouldBe("client went quiet");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public async Task Cancel_requires_a_reason(string? reason)
    {
        var job = cluster.Grains.GetGrain<IJobGrain>(MarketplaceCluster.NewId("job"));
        await job.Post(Samples.Draft());

        var error = await Should.ThrowAsync<ArgumentException>(() => job.Cancel(reason!));

        error.Message.ShouldBe("A cancellation reason is required.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
    }

    [Theory]
    [InlineData(JobStatus.Draft, "Assign", "Cannot Assign job '{0}': it is Draft; Assign is allowed only from Open.")]
    [InlineData(JobStatus.Draft, "Complete", "Cannot Complete job '{0}': it is Draft; Complete is allowed only from Assigned.")]
    [InlineData(JobStatus.Draft, "Cancel", "Cannot Cancel job '{0}': it is Draft; Cancel is allowed only from Open or Assigned.")]
    [InlineData(JobStatus.Open, "Post", "Cannot Post job '{0}': it is Open; Post is allowed only from Draft.")]
    [InlineData(JobStatus.Open, "Complete", "Cannot Complete job '{0}': it is Open; Complete is allowed only from Assigned.")]
    [InlineData(JobStatus.Assigned, "Post", "Cannot Post job '{0}': it is Assigned; Post is allowed only from Draft.")]
    [InlineData(JobStatus.Assigned, "Assign", "Cannot Assign job '{0}': it is Assigned; Assign is allowed only from Open.")]
    [InlineData(JobStatus.Completed, "Post", "Cannot Post job '{0}': it is Completed; Post is allowed only from Draft.")]
    [InlineData(JobStatus.Completed, "Assign", "Cannot Assign job '{0}': it is Completed; Assign is allowed only from Open.")]
    [InlineData(JobStatus.Completed, "Complete", "Cannot Complete job '{0}': it is Completed; Complete is allowed only from Assigned.")]
    [InlineData(JobStatus.Completed, "Cancel", "Cannot Cancel job '{0}': it is Completed; Cancel is allowed only from Open or Assigned.")]
    [InlineData(JobStatus.Cancelled, "Post", "Cannot Post job '{0}': it is Cancelled; Post is allowed only from Draft.")]
    [InlineData(JobStatus.Cancelled, "Assign", "Cannot Assign job '{0}': it is Cancelled; Assign is allowed only from Open.")]
    [InlineData(JobStatus.Cancelled, "Complete", "Cannot Complete job '{0}': it is Cancelled; Complete is allowed only from Assigned.")]
    [InlineData(JobStatus.Cancelled, "Cancel", "Cannot Cancel job '{0}': it is Cancelled; Cancel is allowed only from Open or Assigned.")]
    public async Task Illegal_transitions_are_refused_naming_the_state_and_the_transition(JobStatus from, string transition, string message)
    {
        var (job, freelancerId) = await JobInStatusAsync(from);
        var before = await job.Get();

        Func<Task> attempt = transition switch
        {
            "Post" => () => job.Post(Samples.Draft()),
            "Assign" => () => job.Assign(freelancerId),
            "Complete" => () => job.Complete(),
            "Cancel" => () => job.Cancel("changed my mind"),
            _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
        };
        var error = await Should.ThrowAsync<InvalidOperationException>(attempt);

        error.Message.ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, job.GetPrimaryKeyString()));
        if (before is null)
        {
            (await job.Get()).ShouldBeNull("a refused transition changes nothing");
        }
        else
        {
            (await job.Get()).ShouldBeSameJob(before);
        }
    }

    [Fact]
    public async Task Every_transition_is_stored_before_the_call_returns()
    {
        var (job, freelancerId) = await AssignedJobAsync("job-stored");
        var id = job.GetPrimaryKeyString();

        var stored = (await cluster.ReadStoredAsync<JobState>("job", id, "job"))!;

        stored.Status.ShouldBe(JobStatus.Assigned);
        stored.AssignedFreelancerId.ShouldBe(freelancerId);
        stored.Title.ShouldBe("Build a booking API");
        stored.HourlyWageMax.ShouldBe(60m);
        (await job.Complete()).Status.ShouldBe(JobStatus.Completed);
        (await cluster.ReadStoredAsync<JobState>("job", id, "job"))!.Status.ShouldBe(JobStatus.Completed);
    }

    [Fact]
    public async Task A_job_survives_deactivation_and_continues_from_its_stored_state()
    {
        var (job, freelancerId) = await AssignedJobAsync("job-durable");
        var before = (await job.Get())!;

        await cluster.DeactivateAsync(job);

        (await job.Get()).ShouldBeSameJob(before);
        (await job.Complete()).Status.ShouldBe(JobStatus.Completed);
        (await cluster.Grains.GetGrain<IFreelancerGrain>(freelancerId).GetAssignedJobs()).ShouldBe([job.GetPrimaryKeyString()]);
    }

    [Fact]
    public async Task A_failed_write_leaves_the_job_as_stored_and_the_assignment_can_be_retried()
    {
        var freelancerId = MarketplaceCluster.NewId("ada");
        await cluster.Grains.GetGrain<IFreelancerGrain>(freelancerId).UpdateProfile(Samples.Profile());
        var job = cluster.Grains.GetGrain<IJobGrain>(MarketplaceCluster.NewId("job-flaky"));
        await job.Post(Samples.Draft());

        cluster.FailingStorage.FailWritesOf(job.GetGrainId());
        // Orleans wraps what the storage provider threw, naming the provider and the grain.
        var error = await Should.ThrowAsync<OrleansException>(() => job.Assign(freelancerId));
        error.InnerException.ShouldBeOfType<IOException>().Message.ShouldStartWith("storage is down");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open, "the activation keeps the state that is still stored");
        await Should.ThrowAsync<OrleansException>(() => job.Cancel("storage is flaky"));
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);

        cluster.FailingStorage.HealWritesOf(job.GetGrainId());
        (await job.Assign(freelancerId)).Status.ShouldBe(JobStatus.Assigned);
        (await cluster.Grains.GetGrain<IFreelancerGrain>(freelancerId).GetAssignedJobs())
            .ShouldBe([job.GetPrimaryKeyString()], "the retried assignment is recorded once");
    }

    private async Task<(IJobGrain Job, string FreelancerId)> AssignedJobAsync(string prefix)
    {
        var freelancerId = MarketplaceCluster.NewId("ada");
        await cluster.Grains.GetGrain<IFreelancerGrain>(freelancerId).UpdateProfile(Samples.Profile());
        var job = cluster.Grains.GetGrain<IJobGrain>(MarketplaceCluster.NewId(prefix));
        await job.Post(Samples.Draft());
        await job.Assign(freelancerId);
        return (job, freelancerId);
    }

    private async Task<(IJobGrain Job, string FreelancerId)> JobInStatusAsync(JobStatus status)
    {
        var job = cluster.Grains.GetGrain<IJobGrain>(MarketplaceCluster.NewId("j"));
        var freelancerId = MarketplaceCluster.NewId("ada");
        await cluster.Grains.GetGrain<IFreelancerGrain>(freelancerId).UpdateProfile(Samples.Profile());
        if (status == JobStatus.Draft)
        {
            return (job, freelancerId);
        }

        await job.Post(Samples.Draft());
        switch (status)
        {
            case JobStatus.Assigned:
                await job.Assign(freelancerId);
                break;
            case JobStatus.Completed:
                await job.Assign(freelancerId);
                await job.Complete();
                break;
            case JobStatus.Cancelled:
                await job.Cancel("no longer needed");
                break;
        }

        return (job, freelancerId);
    }
}
