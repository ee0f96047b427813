using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

public sealed class JobGrainTests
{
    [Fact]
    public async Task A_job_never_posted_reads_as_null()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();

        (await cluster.Grains.GetGrain<IJobGrain>("nobody-posted-me").Get()).ShouldBeNull();
    }

    [Fact]
    public async Task Post_opens_the_job_with_a_cleaned_up_copy_of_the_draft()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = cluster.Grains.GetGrain<IJobGrain>("job-1");
        var skills = new List<string> { " C# ", "PostgreSQL", "c#" };

        var posted = await job.Post(Samples.Draft() with { Title = "  Build a booking API ", RequiredSkills = skills });
        skills.Add("COBOL");

        (await job.Get()).ShouldBeSameJob(posted);
        posted.JobId.ShouldBe("job-1");
        posted.Status.ShouldBe(JobStatus.Open);
        posted.Title.ShouldBe("Build a booking API");
        posted.Description.ShouldBe("REST API for a small hotel.");
        posted.RequiredSkills.ShouldBe(["C#", "PostgreSQL"], "skills are trimmed and de-duplicated ignoring case; the caller's list is not kept");
        posted.HourlyWageMin.ShouldBe(40m);
        posted.HourlyWageMax.ShouldBe(60m);
        posted.ClientId.ShouldBe("client-1");
        posted.AssignedFreelancerId.ShouldBeNull();
        posted.CancellationReason.ShouldBeNull();
        posted.PostedAt.ShouldBe(MarketplaceCluster.Start);
        posted.UpdatedAt.ShouldBe(MarketplaceCluster.Start);
    }

    [Fact]
    public async Task Snapshots_do_not_share_lists_with_the_grain()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = cluster.Grains.GetGrain<IJobGrain>("job-copy");
        var posted = await job.Post(Samples.Draft());

        if (posted.RequiredSkills is List<string> list)
        {
            list.Clear();
        }

        (await job.Get())!.RequiredSkills.ShouldBe(["C#", "PostgreSQL"]);
    }

    public static TheoryData<JobDraft, string> InvalidDrafts => new()
    {
        { Samples.Draft() with { Title = "" }, "Job title must not be empty." },
        { Samples.Draft() with { Title = "   " }, "Job title must not be empty." },
        { Samples.Draft() with { Title = null! }, "Job title must not be empty." },
        { Samples.Draft() with { ClientId = " " }, "Job client id must not be empty." },
        { Samples.Draft() with { RequiredSkills = [] }, "A job must require at least one skill." },
        { Samples.Draft() with { RequiredSkills = null! }, "A job must require at least one skill." },
        { Samples.Draft() with { RequiredSkills = ["C#", " "] }, "Required skill #2 is empty." },
        { Samples.Draft() with { HourlyWageMin = 0m }, "Hourly wage minimum must be greater than 0; it is 0." },
        { Samples.Draft() with { HourlyWageMin = -5m, HourlyWageMax = 10m }, "Hourly wage minimum must be greater than 0; it is -5." },
        { Samples.Draft() with { HourlyWageMin = 50m, HourlyWageMax = 40m }, "Hourly wage minimum (50) must not exceed the maximum (40)." },
    };

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public async Task Post_refuses_an_invalid_draft_naming_the_field_and_leaves_the_job_unposted(JobDraft draft, string message)
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = cluster.Grains.GetGrain<IJobGrain>("job-invalid");

        var error = await Should.ThrowAsync<ArgumentException>(() => job.Post(draft));

        error.Message.ShouldBe(message);
        (await job.Get()).ShouldBeNull();
        (await cluster.ReadStoredAsync("job", "job-invalid", "job")).ShouldBeNull("nothing is written for a refused draft");
    }

    [Fact]
    public async Task Equal_minimum_and_maximum_wages_are_accepted()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();

        var posted = await cluster.Grains.GetGrain<IJobGrain>("job-fixed").Post(Samples.Draft() with { HourlyWageMin = 45m, HourlyWageMax = 45m });

        posted.HourlyWageMin.ShouldBe(posted.HourlyWageMax);
    }

    [Fact]
    public async Task Assign_moves_an_open_job_to_assigned_and_records_it_with_the_freelancer()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>("ada");
        await freelancer.UpdateProfile(Samples.Profile());
        var job = cluster.Grains.GetGrain<IJobGrain>("job-2");
        await job.Post(Samples.Draft());
        cluster.Time.Advance(TimeSpan.FromMinutes(5));

        var assigned = await job.Assign("ada");

        assigned.Status.ShouldBe(JobStatus.Assigned);
        assigned.AssignedFreelancerId.ShouldBe("ada");
        assigned.PostedAt.ShouldBe(MarketplaceCluster.Start);
        assigned.UpdatedAt.ShouldBe(MarketplaceCluster.Start.AddMinutes(5));
        (await freelancer.GetAssignedJobs()).ShouldBe(["job-2"]);
    }

    [Fact]
    public async Task Assign_refuses_a_freelancer_without_a_profile()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = cluster.Grains.GetGrain<IJobGrain>("job-3");
        await job.Post(Samples.Draft());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => job.Assign("ghost"));

        error.Message.ShouldBe("Cannot assign job 'job-3' to freelancer 'ghost': the freelancer has no profile.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
        (await cluster.Grains.GetGrain<IFreelancerGrain>("ghost").GetAssignedJobs()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Assign_refuses_an_unavailable_freelancer()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>("busy");
        await freelancer.UpdateProfile(Samples.Profile(available: false));
        var job = cluster.Grains.GetGrain<IJobGrain>("job-4");
        await job.Post(Samples.Draft());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => job.Assign("busy"));

        error.Message.ShouldBe("Cannot assign job 'job-4' to freelancer 'busy': the freelancer is not available.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
        (await freelancer.GetAssignedJobs()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Assign_requires_a_freelancer_id(string freelancerId)
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = cluster.Grains.GetGrain<IJobGrain>("job-5");
        await job.Post(Samples.Draft());

        var error = await Should.ThrowAsync<ArgumentException>(() => job.Assign(freelancerId));

        error.Message.ShouldBe("A freelancer id is required to assign a job.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
    }

    [Fact]
    public async Task Complete_moves_an_assigned_job_to_completed()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = await AssignedJobAsync(cluster, "job-6");
        cluster.Time.Advance(TimeSpan.FromDays(3));

        var completed = await job.Complete();

        completed.Status.ShouldBe(JobStatus.Completed);
        completed.AssignedFreelancerId.ShouldBe("ada");
        completed.UpdatedAt.ShouldBe(MarketplaceCluster.Start.AddDays(3));
    }

    [Fact]
    public async Task Cancel_closes_an_open_job_and_keeps_the_reason()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = cluster.Grains.GetGrain<IJobGrain>("job-7");
        await job.Post(Samples.Draft());

        var cancelled = await job.Cancel("  budget withdrawn ");

        cancelled.Status.ShouldBe(JobStatus.Cancelled);
        cancelled.CancellationReason.ShouldBe("budget withdrawn");
        (await job.Get()).ShouldBeSameJob(cancelled);
    }

    [Fact]
    public async Task Cancel_closes_an_assigned_job()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = await AssignedJobAsync(cluster, "job-8");

        var cancelled = await job.Cancel("client went quiet");

        cancelled.Status.ShouldBe(JobStatus.Cancelled);
        cancelled.AssignedFreelancerId.ShouldBe("ada");
        cancelled.CancellationReason.ShouldBe("client went quiet");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public async Task Cancel_requires_a_reason(string? reason)
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = cluster.Grains.GetGrain<IJobGrain>("job-9");
        await job.Post(Samples.Draft());

        var error = await Should.ThrowAsync<ArgumentException>(() => job.Cancel(reason!));

        error.Message.ShouldBe("A cancellation reason is required.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
    }

    [Theory]
    [InlineData(JobStatus.Draft, "Assign", "Cannot Assign job 'j': it is Draft; Assign is allowed only from Open.")]
    [InlineData(JobStatus.Draft, "Complete", "Cannot Complete job 'j': it is Draft; Complete is allowed only from Assigned.")]
    [InlineData(JobStatus.Draft, "Cancel", "Cannot Cancel job 'j': it is Draft; Cancel is allowed only from Open or Assigned.")]
    [InlineData(JobStatus.Open, "Post", "Cannot Post job 'j': it is Open; Post is allowed only from Draft.")]
    [InlineData(JobStatus.Open, "Complete", "Cannot Complete job 'j': it is Open; Complete is allowed only from Assigned.")]
    [InlineData(JobStatus.Assigned, "Post", "Cannot Post job 'j': it is Assigned; Post is allowed only from Draft.")]
    [InlineData(JobStatus.Assigned, "Assign", "Cannot Assign job 'j': it is Assigned; Assign is allowed only from Open.")]
    [InlineData(JobStatus.Completed, "Post", "Cannot Post job 'j': it is Completed; Post is allowed only from Draft.")]
    [InlineData(JobStatus.Completed, "Assign", "Cannot Assign job 'j': it is Completed; Assign is allowed only from Open.")]
    [InlineData(JobStatus.Completed, "Complete", "Cannot Complete job 'j': it is Completed; Complete is allowed only from Assigned.")]
    [InlineData(JobStatus.Completed, "Cancel", "Cannot Cancel job 'j': it is Completed; Cancel is allowed only from Open or Assigned.")]
    [InlineData(JobStatus.Cancelled, "Post", "Cannot Post job 'j': it is Cancelled; Post is allowed only from Draft.")]
    [InlineData(JobStatus.Cancelled, "Assign", "Cannot Assign job 'j': it is Cancelled; Assign is allowed only from Open.")]
    [InlineData(JobStatus.Cancelled, "Complete", "Cannot Complete job 'j': it is Cancelled; Complete is allowed only from Assigned.")]
    [InlineData(JobStatus.Cancelled, "Cancel", "Cannot Cancel job 'j': it is Cancelled; Cancel is allowed only from Open or Assigned.")]
    public async Task Illegal_transitions_are_refused_naming_the_state_and_the_transition(JobStatus from, string transition, string message)
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = await JobInStatusAsync(cluster, "j", from);
        var before = await job.Get();

        Func<Task> attempt = transition switch
        {
            "Post" => () => job.Post(Samples.Draft()),
            "Assign" => () => job.Assign("ada"),
            "Complete" => () => job.Complete(),
            "Cancel" => () => job.Cancel("changed my mind"),
            _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
        };
        var error = await Should.ThrowAsync<InvalidOperationException>(attempt);

        error.Message.ShouldBe(message);
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
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = await AssignedJobAsync(cluster, "job-stored");

        var stored = (await cluster.ReadStoredAsync("job", "job-stored", "job"))!.Value;

        stored.GetProperty("status").GetInt32().ShouldBe((int)JobStatus.Assigned);
        stored.GetProperty("assignedFreelancerId").GetString().ShouldBe("ada");
        stored.GetProperty("title").GetString().ShouldBe("Build a booking API");
        stored.GetProperty("hourlyWageMax").GetDecimal().ShouldBe(60m);
        (await job.Complete()).Status.ShouldBe(JobStatus.Completed);
        (await cluster.ReadStoredAsync("job", "job-stored", "job"))!.Value.GetProperty("status").GetInt32().ShouldBe((int)JobStatus.Completed);
    }

    [Fact]
    public async Task A_job_survives_deactivation_and_continues_from_its_stored_state()
    {
        await using var cluster = await MarketplaceCluster.StartAsync();
        var job = await AssignedJobAsync(cluster, "job-durable");
        var before = (await job.Get())!;

        await cluster.CollectAllActivationsAsync();

        (await job.Get()).ShouldBeSameJob(before);
        cluster.Cluster.PrimarySilo.ActivationCount.ShouldBe(1, "the call re-activated the job from storage");
        (await job.Complete()).Status.ShouldBe(JobStatus.Completed);
        (await cluster.Grains.GetGrain<IFreelancerGrain>("ada").GetAssignedJobs()).ShouldBe(["job-durable"]);
    }

    [Fact]
    public async Task A_failed_write_leaves_the_job_as_stored_and_the_assignment_can_be_retried()
    {
        var storage = new FailingGrainStorage();
        await using var cluster = await MarketplaceCluster.StartAsync(storage);
        await cluster.Grains.GetGrain<IFreelancerGrain>("ada").UpdateProfile(Samples.Profile());
        var job = cluster.Grains.GetGrain<IJobGrain>("job-flaky");
        await job.Post(Samples.Draft());

        storage.FailWrites = true;
        await Should.ThrowAsync<IOException>(() => job.Assign("ada"));
        (await job.Get())!.Status.ShouldBe(JobStatus.Open, "the activation keeps the state that is still stored");
        await Should.ThrowAsync<IOException>(() => job.Cancel("storage is flaky"));
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);

        storage.FailWrites = false;
        (await job.Assign("ada")).Status.ShouldBe(JobStatus.Assigned);
        (await cluster.Grains.GetGrain<IFreelancerGrain>("ada").GetAssignedJobs()).ShouldBe(["job-flaky"], "the retried assignment is recorded once");
    }

    private static async Task<IJobGrain> AssignedJobAsync(MarketplaceCluster cluster, string jobId)
    {
        await cluster.Grains.GetGrain<IFreelancerGrain>("ada").UpdateProfile(Samples.Profile());
        var job = cluster.Grains.GetGrain<IJobGrain>(jobId);
        await job.Post(Samples.Draft());
        await job.Assign("ada");
        return job;
    }

    private static async Task<IJobGrain> JobInStatusAsync(MarketplaceCluster cluster, string jobId, JobStatus status)
    {
        var job = cluster.Grains.GetGrain<IJobGrain>(jobId);
        switch (status)
        {
            case JobStatus.Draft:
                return job;
            case JobStatus.Open:
                await job.Post(Samples.Draft());
                return job;
            case JobStatus.Assigned:
                return await AssignedJobAsync(cluster, jobId);
            case JobStatus.Completed:
                await (await AssignedJobAsync(cluster, jobId)).Complete();
                return job;
            case JobStatus.Cancelled:
                await job.Post(Samples.Draft());
                await job.Cancel("no longer needed");
                return job;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }
    }
}
