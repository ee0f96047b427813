using Platform.Grains.Freelancers;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

[Collection(MarketplaceCollection.Name)]
public sealed class FreelancerGrainTests(MarketplaceCluster cluster)
{
    [Fact]
    public async Task A_new_freelancer_has_no_profile_and_no_jobs()
    {
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(MarketplaceCluster.NewId("new"));

        (await freelancer.GetProfile()).ShouldBeNull();
        (await freelancer.GetAssignedJobs()).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateProfile_stores_a_cleaned_up_profile()
    {
        var id = MarketplaceCluster.NewId("ada");
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(id);
        var before = DateTimeOffset.UtcNow;

        var profile = await freelancer.UpdateProfile(Samples.Profile() with
        {
            DisplayName = " Ada Lovelace ",
            Skills = new List<string> { "C#", " postgresql", "c#", "PostgreSQL" },
            Certifications = new List<string>(),
        });

        profile.UpdatedAt.ShouldBeInRange(before, DateTimeOffset.UtcNow);
        profile.ShouldBeSameProfile(new FreelancerProfile(id, "Ada Lovelace", ["C#", "postgresql"], [], 55m, 52.52, 13.405, true, profile.UpdatedAt));
        (await freelancer.GetProfile()).ShouldBeSameProfile(profile);
    }

    [Fact]
    public async Task A_later_update_replaces_the_whole_profile()
    {
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(MarketplaceCluster.NewId("ada"));
        var first = await freelancer.UpdateProfile(Samples.Profile());

        await freelancer.UpdateProfile(Samples.Profile(available: false) with { Skills = new List<string> { "Rust" }, Certifications = new List<string>(), HourlyRate = 80m });

        var profile = (await freelancer.GetProfile())!;
        profile.Skills.ShouldBe(["Rust"]);
        profile.Certifications.ShouldBeEmpty();
        profile.HourlyRate.ShouldBe(80m);
        profile.IsAvailable.ShouldBeFalse();
        profile.UpdatedAt.ShouldBeGreaterThanOrEqualTo(first.UpdatedAt);
    }

    public static TheoryData<FreelancerProfileUpdate, string> InvalidUpdates => new()
    {
        { Samples.Profile() with { DisplayName = "" }, "Freelancer display name must not be empty." },
        { Samples.Profile() with { DisplayName = " \t" }, "Freelancer display name must not be empty." },
        { Samples.Profile() with { Skills = new List<string>() }, "A freelancer profile must list at least one skill." },
        { Samples.Profile() with { Skills = null! }, "A freelancer profile must list at least one skill." },
        { Samples.Profile() with { Skills = new List<string> { "", "C#" } }, "Skill #1 is empty." },
        { Samples.Profile() with { Certifications = new List<string> { "AZ-204", "  " } }, "Certification #2 is empty." },
        { Samples.Profile() with { HourlyRate = 0m }, "Hourly rate must be greater than 0; it is 0." },
        { Samples.Profile() with { HourlyRate = -12.5m }, "Hourly rate must be greater than 0; it is -12.5." },
        { Samples.Profile() with { Latitude = 90.5 }, "Latitude must be between -90 and 90; it is 90.5." },
        { Samples.Profile() with { Latitude = -91 }, "Latitude must be between -90 and 90; it is -91." },
        { Samples.Profile() with { Latitude = double.NaN }, "Latitude must be between -90 and 90; it is NaN." },
        { Samples.Profile() with { Longitude = 180.01 }, "Longitude must be between -180 and 180; it is 180.01." },
        { Samples.Profile() with { Longitude = -181 }, "Longitude must be between -180 and 180; it is -181." },
        { Samples.Profile() with { Longitude = double.PositiveInfinity }, "Longitude must be between -180 and 180; it is Infinity." },
    };

    [Theory]
    [MemberData(nameof(InvalidUpdates))]
    public async Task UpdateProfile_refuses_invalid_input_naming_the_field_and_keeps_the_old_profile(FreelancerProfileUpdate update, string message)
    {
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(MarketplaceCluster.NewId("ada"));
        var before = await freelancer.UpdateProfile(Samples.Profile());

        var error = await Should.ThrowAsync<ArgumentException>(() => freelancer.UpdateProfile(update));

        error.Message.ShouldBe(message);
        (await freelancer.GetProfile()).ShouldBeSameProfile(before);
    }

    [Theory]
    [InlineData(-90, -180)]
    [InlineData(90, 180)]
    [InlineData(0, 0)]
    public async Task Coordinates_on_the_edges_of_their_range_are_accepted(double latitude, double longitude)
    {
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(MarketplaceCluster.NewId("edge"));

        var profile = await freelancer.UpdateProfile(Samples.Profile() with { Latitude = latitude, Longitude = longitude });

        profile.Latitude.ShouldBe(latitude);
        profile.Longitude.ShouldBe(longitude);
    }

    [Fact]
    public async Task Assigned_jobs_are_kept_in_order_and_recording_one_again_changes_nothing()
    {
        var id = MarketplaceCluster.NewId("ada");
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(id);
        await freelancer.UpdateProfile(Samples.Profile());

        await freelancer.AddAssignedJob("job-b");
        await freelancer.AddAssignedJob("job-a");
        var etagBefore = await StoredEtagAsync(id);
        await freelancer.AddAssignedJob("job-b");

        (await freelancer.GetAssignedJobs()).ShouldBe(["job-b", "job-a"]);
        (await StoredEtagAsync(id)).ShouldBe(etagBefore, "a repeated assignment is not written again");
    }

    [Fact]
    public async Task A_job_already_recorded_is_acknowledged_even_after_the_freelancer_became_unavailable()
    {
        var id = MarketplaceCluster.NewId("ada");
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(id);
        await freelancer.UpdateProfile(Samples.Profile());
        await freelancer.AddAssignedJob("job-1");
        await freelancer.UpdateProfile(Samples.Profile(available: false));

        await freelancer.AddAssignedJob("job-1");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => freelancer.AddAssignedJob("job-2"));
        error.Message.ShouldBe($"Cannot assign job 'job-2' to freelancer '{id}': the freelancer is not available.");
        (await freelancer.GetAssignedJobs()).ShouldBe(["job-1"]);
    }

    [Fact]
    public async Task AddAssignedJob_refuses_a_freelancer_without_a_profile()
    {
        var id = MarketplaceCluster.NewId("ghost");
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(id);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => freelancer.AddAssignedJob("job-1"));

        error.Message.ShouldBe($"Cannot assign job 'job-1' to freelancer '{id}': the freelancer has no profile.");
        (await cluster.ReadStoredAsync<FreelancerState>("freelancer", id, "freelancer")).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task AddAssignedJob_requires_a_job_id(string jobId)
    {
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(MarketplaceCluster.NewId("ada"));
        await freelancer.UpdateProfile(Samples.Profile());

        var error = await Should.ThrowAsync<ArgumentException>(() => freelancer.AddAssignedJob(jobId));

        error.Message.ShouldBe("A job id is required to assign a job.");
        (await freelancer.GetAssignedJobs()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Returned_lists_are_copies()
    {
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(MarketplaceCluster.NewId("ada"));
        var profile = await freelancer.UpdateProfile(Samples.Profile());
        await freelancer.AddAssignedJob("job-1");

        if (profile.Skills is string[] skills)
        {
            skills[0] = "COBOL";
        }

        if (await freelancer.GetAssignedJobs() is string[] jobs)
        {
            jobs[0] = "someone else's job";
        }

        (await freelancer.GetAssignedJobs()).ShouldBe(["job-1"]);
        (await freelancer.GetProfile())!.Skills.ShouldBe(["C#", "PostgreSQL"]);
    }

    [Fact]
    public async Task Profile_and_assignments_survive_deactivation()
    {
        var id = MarketplaceCluster.NewId("ada");
        var freelancer = cluster.Grains.GetGrain<IFreelancerGrain>(id);
        var profile = await freelancer.UpdateProfile(Samples.Profile());
        await freelancer.AddAssignedJob("job-1");
        var stored = (await cluster.ReadStoredAsync<FreelancerState>("freelancer", id, "freelancer"))!;
        stored.Profile!.DisplayName.ShouldBe("Ada Lovelace");
        stored.AssignedJobIds.ShouldBe(["job-1"]);

        await cluster.DeactivateAsync(freelancer);

        (await freelancer.GetProfile()).ShouldBeSameProfile(profile);
        (await freelancer.GetAssignedJobs()).ShouldBe(["job-1"]);
    }

    private async Task<string?> StoredEtagAsync(string freelancerId)
    {
        var state = new GrainState<FreelancerState>();
        await cluster.Storage.ReadStateAsync("freelancer", GrainId.Create("freelancer", freelancerId), state);
        return state.ETag;
    }
}
