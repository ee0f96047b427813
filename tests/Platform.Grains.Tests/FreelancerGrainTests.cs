using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;
using Platform.Grains.Matching;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

[Collection(MarketplaceCollection.Name)]
public sealed class FreelancerGrainTests(MarketplaceCluster cluster)
{
    private readonly Marketplace _market = new(cluster);

    [Fact]
    public async Task A_new_freelancer_has_no_profile_and_no_jobs()
    {
        var freelancer = _market.Freelancer(_market.NewKey("new"));

        (await freelancer.GetProfile()).ShouldBeNull();
        (await freelancer.GetAssignedJobs()).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateProfile_stores_a_cleaned_up_profile()
    {
        var key = _market.NewKey("ada");
        var freelancer = _market.Freelancer(key);
        var now = cluster.Now;
        var later = new AvailabilityWindow(now.AddDays(10), now.AddDays(11));
        var sooner = new AvailabilityWindow(now.AddDays(1), now.AddDays(10));

        var profile = await freelancer.UpdateProfile(Samples.Profile(now) with
        {
            DisplayName = " Ada Lovelace ",
            Email = " ada.lovelace@example.org",
            Skills = new List<string> { "Barista", " latte art", "barista", "Latte art" },
            Certifications = new List<string>(),
            Currency = "eur",
            Availability = new List<AvailabilityWindow> { later, sooner },
        });

        profile.ShouldBeSameProfile(new FreelancerProfile(
            key,
            "Ada Lovelace",
            Samples.Headline,
            "Ten years behind espresso machines.",
            Samples.Email,
            ["Barista", "latte art"],
            [],
            [],
            20m,
            "EUR",
            52.50,
            13.40,
            [sooner, later],
            0,
            null,
            now));
        (await freelancer.GetProfile()).ShouldBeSameProfile(profile);
    }

    public static TheoryData<FreelancerProfileUpdate, string> InvalidUpdates()
    {
        var now = MarketplaceCluster.Epoch;
        var profile = Samples.Profile(now);
        return new TheoryData<FreelancerProfileUpdate, string>
        {
            { profile with { DisplayName = " \t" }, "Freelancer display name must not be empty." },
            { profile with { DisplayName = new string('a', 101) }, "Freelancer display name is 101 characters long; at most 100 are allowed." },
            { profile with { Headline = "" }, "Freelancer headline must not be empty." },
            { profile with { Email = "" }, "Freelancer e-mail must not be empty." },
            { profile with { Email = "ada.example.org" }, "Freelancer e-mail 'ada.example.org' is not an e-mail address: it needs one '@' between a name and a domain such as example.org, and no spaces." },
            { profile with { Email = "ada@example" }, "Freelancer e-mail 'ada@example' is not an e-mail address: it needs one '@' between a name and a domain such as example.org, and no spaces." },
            { profile with { Skills = new List<string>() }, "A freelancer profile must list at least one skill." },
            { profile with { Skills = null! }, "A freelancer profile must list at least one skill." },
            { profile with { Skills = new List<string> { "", "Barista" } }, "Skill #1 is empty." },
            { profile with { Certifications = new List<string> { "Food hygiene", "  " } }, "Certification #2 is empty." },
            { profile with { HourlyRate = 0m }, "Hourly rate must be greater than 0; it is 0." },
            { profile with { HourlyRate = -12.5m }, "Hourly rate must be greater than 0; it is -12.5." },
            { profile with { Currency = "EURO" }, "Currency must be a three-letter ISO 4217 code such as EUR; it is 'EURO'." },
            { profile with { Currency = "E1R" }, "Currency must be a three-letter ISO 4217 code such as EUR; it is 'E1R'." },
            { profile with { Currency = null! }, "Currency must be a three-letter ISO 4217 code such as EUR; it is ''." },
            { profile with { Latitude = 90.5 }, "Latitude must be between -90 and 90; it is 90.5." },
            { profile with { Latitude = double.NaN }, "Latitude must be between -90 and 90; it is NaN." },
            { profile with { Longitude = -181 }, "Longitude must be between -180 and 180; it is -181." },
            { profile with { Longitude = double.PositiveInfinity }, "Longitude must be between -180 and 180; it is Infinity." },
            {
                profile with { Availability = [new AvailabilityWindow(now.AddDays(1), now.AddDays(2)), new AvailabilityWindow(now.AddDays(4), now.AddDays(3))] },
                "Availability window #2 must start before it ends; it runs from 2026-03-06T08:00:00.0000000+00:00 to 2026-03-05T08:00:00.0000000+00:00."
            },
            {
                profile with { Availability = [new AvailabilityWindow(now.AddDays(1), now.AddDays(1))] },
                "Availability window #1 must start before it ends; it runs from 2026-03-03T08:00:00.0000000+00:00 to 2026-03-03T08:00:00.0000000+00:00."
            },
            {
                profile with
                {
                    Availability =
                    [
                        new AvailabilityWindow(now.AddDays(5), now.AddDays(6)),
                        new AvailabilityWindow(now.AddDays(1), now.AddDays(2)),
                        new AvailabilityWindow(now.AddDays(1).AddHours(12), now.AddDays(3)),
                    ],
                },
                "Availability windows #2 (2026-03-03T08:00:00.0000000+00:00 to 2026-03-04T08:00:00.0000000+00:00) and #3 (2026-03-03T20:00:00.0000000+00:00 to 2026-03-05T08:00:00.0000000+00:00) overlap."
            },
            {
                profile with { Availability = Enumerable.Range(0, 101).Select(day => new AvailabilityWindow(now.AddDays(day), now.AddDays(day).AddHours(1))).ToList() },
                "A profile may list at most 100 availability windows; it lists 101."
            },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidUpdates))]
    public async Task UpdateProfile_refuses_invalid_input_naming_the_field_and_keeps_the_old_profile(FreelancerProfileUpdate update, string message)
    {
        var freelancer = await _market.NewFreelancerAsync();
        var before = await freelancer.GetProfile();

        var error = await Should.ThrowAsync<ArgumentException>(() => freelancer.UpdateProfile(update));

        error.Message.ShouldBe(message);
        (await freelancer.GetProfile()).ShouldBeSameProfile(before!);
    }

    [Fact]
    public async Task Windows_that_only_touch_do_not_overlap()
    {
        var now = cluster.Now;
        var freelancer = await _market.NewFreelancerAsync(Samples.Profile(now) with
        {
            Availability = [new AvailabilityWindow(now.AddDays(2), now.AddDays(3)), new AvailabilityWindow(now.AddDays(1), now.AddDays(2))],
        });

        (await freelancer.GetProfile())!.Availability.Select(window => window.Start).ShouldBe([now.AddDays(1), now.AddDays(2)]);
    }

    [Theory]
    [InlineData(-90, -180)]
    [InlineData(90, 180)]
    public async Task Coordinates_on_the_edges_of_their_range_are_accepted(double latitude, double longitude)
    {
        var profile = await _market.Freelancer(_market.NewKey("edge")).UpdateProfile(Samples.Profile(cluster.Now) with { Latitude = latitude, Longitude = longitude });

        profile.Latitude.ShouldBe(latitude);
        profile.Longitude.ShouldBe(longitude);
    }

    [Fact]
    public async Task Every_profile_change_is_embedded_and_written_to_the_matching_index()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var id = freelancer.GetPrimaryKeyString().Split('/')[1];

        (await FindAsync("Barista", [])).ShouldBe([id]);
        await freelancer.UpdateProfile(Samples.Profile(cluster.Now) with { Skills = ["Sommelier"], Headline = "Wine waiter" });

        (await FindAsync("Barista", [])).ShouldBeEmpty("the index holds the new profile, not the old one");
        (await FindAsync("Sommelier", [])).ShouldBe([id]);
        (await FindAsync("Sommelier", ["Food hygiene"])).ShouldBeEmpty("a claimed certification counts only once verified");
    }

    [Fact]
    public async Task A_verified_certification_counts_for_matching_and_stays_verified_while_claimed()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var id = freelancer.GetPrimaryKeyString().Split('/')[1];

        var verified = await freelancer.VerifyCertification("food HYGIENE");

        verified.VerifiedCertifications.ShouldBe(["Food hygiene"]);
        (await FindAsync("Barista", ["Food hygiene"])).ShouldBe([id]);
        (await freelancer.UpdateProfile(Samples.Profile(cluster.Now) with { HourlyRate = 22m })).VerifiedCertifications.ShouldBe(["Food hygiene"]);
        (await freelancer.UpdateProfile(Samples.Profile(cluster.Now) with { Certifications = [] })).VerifiedCertifications.ShouldBeEmpty();
        (await FindAsync("Barista", ["Food hygiene"])).ShouldBeEmpty();
        var refused = await Should.ThrowAsync<ArgumentException>(() => freelancer.VerifyCertification("Food hygiene"));
        refused.Message.ShouldStartWith($"Freelancer '{freelancer.GetPrimaryKeyString()}' does not claim certification 'Food hygiene'; it claims none.");
    }

    [Fact]
    public async Task Ratings_from_completed_jobs_give_an_average_and_a_count()
    {
        var (first, freelancer) = await _market.JobInAsync(JobStatus.Completed);
        var second = await HireAndCompleteAsync(freelancer);

        await freelancer.AddRating(first.GetPrimaryKeyString(), 5);
        var profile = await freelancer.AddRating(second.GetPrimaryKeyString(), 4);

        profile.RatingCount.ShouldBe(2);
        profile.RatingAverage.ShouldBe(4.5);
        (await freelancer.AddRating(first.GetPrimaryKeyString(), 5)).RatingCount.ShouldBe(2, "the same rating again changes nothing");
        (await Should.ThrowAsync<InvalidOperationException>(() => freelancer.AddRating(first.GetPrimaryKeyString(), 1))).Message
            .ShouldBe($"Job '{first.GetPrimaryKeyString()}' already rated freelancer '{freelancer.GetPrimaryKeyString()}' with 5 stars; a rating cannot be changed.");
        (await freelancer.UpdateProfile(Samples.Profile(cluster.Now))).RatingAverage.ShouldBe(4.5, "a profile update keeps the ratings");
    }

    [Fact]
    public async Task Only_the_freelancer_of_a_completed_job_can_be_rated_with_one_to_five_stars()
    {
        var (filled, hired) = await _market.JobInAsync(JobStatus.Filled);
        var (completed, _) = await _market.JobInAsync(JobStatus.Completed);
        var key = hired.GetPrimaryKeyString();

        (await Should.ThrowAsync<InvalidOperationException>(() => hired.AddRating(filled.GetPrimaryKeyString(), 5))).Message
            .ShouldBe($"Cannot rate freelancer '{key}' for job '{filled.GetPrimaryKeyString()}': the job is Filled; only a completed job can be rated.");
        var doneByOther = await Should.ThrowAsync<InvalidOperationException>(() => hired.AddRating(completed.GetPrimaryKeyString(), 5));
        doneByOther.Message.ShouldStartWith($"Cannot rate freelancer '{key}' for job '{completed.GetPrimaryKeyString()}': the job was done by '{_market.Tenant}/");
        (await Should.ThrowAsync<ArgumentException>(() => hired.AddRating(filled.GetPrimaryKeyString(), 0))).Message.ShouldStartWith("Stars must be between 1 and 5; they are 0.");
        (await Should.ThrowAsync<ArgumentException>(() => hired.AddRating(filled.GetPrimaryKeyString(), 6))).Message.ShouldStartWith("Stars must be between 1 and 5; they are 6.");
        (await hired.GetProfile())!.RatingCount.ShouldBe(0);
    }

    [Fact]
    public async Task Applying_needs_a_profile()
    {
        var ghost = _market.Freelancer(_market.NewKey("ghost"));
        var job = await _market.NewOpenJobAsync();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ghost.Apply(job.GetPrimaryKeyString(), "Hi"));

        refused.Message.ShouldBe($"Freelancer '{ghost.GetPrimaryKeyString()}' has no profile; it cannot apply to a job before creating one.");
        (await cluster.ReadStoredAsync<FreelancerState>("freelancer", ghost.GetPrimaryKeyString(), "freelancer")).ShouldBeNull("nothing is written for a refused call");
    }

    [Fact]
    public async Task An_offer_is_accepted_only_if_an_availability_window_covers_the_whole_shift()
    {
        var now = cluster.Now;
        var job = await _market.NewOpenJobAsync();
        var shift = (await job.Get())!;
        var freelancer = await _market.NewFreelancerAsync(Samples.Profile(now) with
        {
            Availability = [new AvailabilityWindow(shift.ShiftStart, shift.ShiftEnd.AddMinutes(-1))],
        });
        await freelancer.Apply(job.GetPrimaryKeyString(), "");
        await job.MakeOffer(freelancer.GetPrimaryKeyString(), 20m);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => freelancer.AcceptOffer(job.GetPrimaryKeyString()));

        refused.Message.ShouldBe(
            $"Freelancer '{freelancer.GetPrimaryKeyString()}' cannot accept job '{job.GetPrimaryKeyString()}': no availability window covers its shift from {Iso(shift.ShiftStart)} to {Iso(shift.ShiftEnd)}.");
        (await job.Get())!.Status.ShouldBe(JobStatus.Open);
        await freelancer.UpdateProfile(Samples.Profile(now) with { Availability = [new AvailabilityWindow(shift.ShiftStart, shift.ShiftEnd)] });
        (await freelancer.AcceptOffer(job.GetPrimaryKeyString())).Status.ShouldBe(JobStatus.Filled);
        (await freelancer.GetAssignedJobs()).ShouldBe([job.GetPrimaryKeyString()]);
    }

    [Fact]
    public async Task Returned_lists_are_copies()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var profile = (await freelancer.GetProfile())!;

        if (profile.Skills is string[] skills)
        {
            skills[0] = "COBOL";
        }

        (await freelancer.GetProfile())!.Skills.ShouldBe(["Barista", "Latte art"]);
    }

    [Fact]
    public async Task Profile_jobs_and_ratings_survive_deactivation()
    {
        var (job, freelancer) = await _market.JobInAsync(JobStatus.Completed);
        var rated = await freelancer.AddRating(job.GetPrimaryKeyString(), 3);
        var stored = (await cluster.ReadStoredAsync<FreelancerState>("freelancer", freelancer.GetPrimaryKeyString(), "freelancer"))!;
        stored.Profile!.DisplayName.ShouldBe(Samples.DisplayName);
        stored.HiredJobKeys.ShouldBe([job.GetPrimaryKeyString()]);

        await cluster.DeactivateAsync(freelancer);

        (await freelancer.GetProfile()).ShouldBeSameProfile(rated);
        (await freelancer.GetAssignedJobs()).ShouldBe([job.GetPrimaryKeyString()]);
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IJobGrain> HireAndCompleteAsync(IFreelancerGrain freelancer)
    {
        var job = await _market.NewOpenJobAsync();
        await freelancer.Apply(job.GetPrimaryKeyString(), "Again?");
        await job.MakeOffer(freelancer.GetPrimaryKeyString(), 21m);
        await freelancer.AcceptOffer(job.GetPrimaryKeyString());
        await job.Start();
        await job.Complete();
        return job;
    }

    private async Task<IReadOnlyList<string>> FindAsync(string skill, IReadOnlyList<string> certifications)
    {
        var now = cluster.Now;
        var candidates = await cluster.Grains.GetGrain<IMatchingGrain>(_market.Tenant).FindCandidates(new MatchQuery(
            _market.Tenant, $"{skill} wanted", [skill], certifications, 52.52, 13.405, 25, 10m, 30m, "EUR", now.AddDays(1), now.AddDays(1).AddHours(4), 10));
        return candidates.Select(candidate => candidate.FreelancerId).ToArray();
    }
}
