using Platform.Grains.Freelancers;
using Platform.Grains.Matching;
using Platform.Matching.Tests.Support;
using static Platform.Matching.Tests.Support.MatchSamples;

namespace Platform.Matching.Tests.Index;

/// <summary>
/// What every <see cref="IFreelancerMatchIndex"/> guarantees, run against each implementation. Every test uses tenants
/// of its own, so implementations may share one store across tests. Rows a filter must exclude point exactly the way
/// the query does (similarity 1): if the filter let them through they would rank first.
/// </summary>
public abstract class FreelancerMatchIndexContract
{
    private static readonly float[] QueryVector = Vector(1);

    protected abstract IFreelancerMatchIndex Index { get; }

    public static TheoryData<string> Filters => ["skill", "certification", "radius", "wage-min", "wage-max", "currency", "availability"];

    [Fact]
    public async Task Only_rows_that_pass_every_filter_are_returned_most_similar_first()
    {
        var tenant = NewTenant();
        await SeedFilterFixtureAsync(tenant);

        var candidates = await Index.SearchAsync(Query(tenant), QueryVector);

        candidates.Select(candidate => candidate.FreelancerId).ShouldBe(["best", "second", "third"]);
        candidates[0].Similarity.ShouldBe(Math.Cos(double.DegreesToRadians(10)), 1e-5);
        candidates[1].Similarity.ShouldBe(Math.Cos(double.DegreesToRadians(30)), 1e-5);
        candidates[2].Similarity.ShouldBe(Math.Cos(double.DegreesToRadians(60)), 1e-5);
        candidates[0].DistanceKm.ShouldBe(GreatCircle.DistanceKm(BerlinLatitude, BerlinLongitude, BerlinLatitude + 0.05, BerlinLongitude), 1e-6);
        candidates[0].DistanceKm.ShouldBe(5.56, 0.01);
        candidates[0].HourlyRate.ShouldBe(45m);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_excludes_exactly_the_row_that_fails_it(string filter)
    {
        var tenant = NewTenant();
        await SeedFilterFixtureAsync(tenant);
        var query = Query(tenant);
        var relaxed = filter switch
        {
            "skill" => query with { RequiredSkills = ["Electrician"] },
            "certification" => query with { RequiredCertifications = [] },
            "radius" => query with { RadiusKm = 500 },
            "wage-min" => query with { WageMin = 10m },
            "wage-max" => query with { WageMax = 100m },
            "currency" => query with { Currency = "usd" },
            "availability" => query with { ShiftEnd = ShiftEnd.AddHours(-4) },
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "unknown filter"),
        };

        var strict = await Index.SearchAsync(query, QueryVector);
        var loose = await Index.SearchAsync(relaxed, QueryVector);

        strict.Select(candidate => candidate.FreelancerId).ShouldNotContain($"fails-{filter}");
        if (filter == "currency")
        {
            // In USD the EUR rows all drop out and only the USD row is left.
            loose.Select(candidate => candidate.FreelancerId).ShouldBe(["fails-currency"]);
        }
        else
        {
            loose.Select(candidate => candidate.FreelancerId).ShouldBe([$"fails-{filter}", "best", "second", "third"]);
        }
    }

    [Fact]
    public async Task Boundaries_are_inclusive_labels_ignore_case_and_touching_windows_cover_a_shift()
    {
        var tenant = NewTenant();
        await Index.UpsertAsync(
            Document(tenant, "edge") with
            {
                Skills = ["ELECTRICIAN", " vde-trainer ", "Solar"],
                Certifications = ["Vde"],
                HourlyRate = 60m,
                Currency = "eur",
                Availability =
                [
                    new AvailabilityWindow(ShiftStart.AddHours(4), ShiftEnd),
                    new AvailabilityWindow(ShiftStart, ShiftStart.AddHours(4)),
                ],
            },
            QueryVector);

        var candidates = await Index.SearchAsync(Query(tenant) with { RequiredSkills = ["Electrician", "VDE-Trainer", "solar"] }, QueryVector);

        candidates.Select(candidate => candidate.FreelancerId).ShouldBe(["edge"]);
    }

    [Fact]
    public async Task A_window_that_ends_before_the_shift_does_not_cover_it_and_gaps_are_not_bridged()
    {
        var tenant = NewTenant();
        await Index.UpsertAsync(
            Document(tenant, "gap") with
            {
                Availability =
                [
                    new AvailabilityWindow(ShiftStart, ShiftStart.AddHours(4)),
                    new AvailabilityWindow(ShiftStart.AddHours(4).AddMinutes(1), ShiftEnd),
                ],
            },
            QueryVector);

        (await Index.SearchAsync(Query(tenant), QueryVector)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_limit_keeps_the_most_similar()
    {
        var tenant = NewTenant();
        foreach (var degrees in new[] { 50, 10, 40, 20, 30 })
        {
            await Index.UpsertAsync(Document(tenant, $"at-{degrees}"), AtAngle(degrees));
        }

        var candidates = await Index.SearchAsync(Query(tenant, limit: 2), QueryVector);

        candidates.Select(candidate => candidate.FreelancerId).ShouldBe(["at-10", "at-20"]);
    }

    [Fact]
    public async Task An_upsert_replaces_the_row()
    {
        var tenant = NewTenant();
        await Index.UpsertAsync(Document(tenant, "changing"), QueryVector);
        await Index.UpsertAsync(Document(tenant, "changing") with { Skills = ["Plumber"] }, AtAngle(20));

        (await Index.SearchAsync(Query(tenant), QueryVector)).ShouldBeEmpty();
        var plumbers = await Index.SearchAsync(Query(tenant) with { RequiredSkills = ["plumber"] }, QueryVector);
        plumbers.Single().Similarity.ShouldBe(Math.Cos(double.DegreesToRadians(20)), 1e-5);
    }

    [Fact]
    public async Task A_tenant_never_sees_another_tenant_s_rows_and_removing_one_leaves_the_other()
    {
        var (tenantA, tenantB) = (NewTenant(), NewTenant());
        await Index.UpsertAsync(Document(tenantA, "shared-id"), AtAngle(10));
        await Index.UpsertAsync(Document(tenantB, "shared-id"), AtAngle(40));
        await Index.UpsertAsync(Document(tenantB, "only-b"), QueryVector);

        var ofA = await Index.SearchAsync(Query(tenantA), QueryVector);
        ofA.Select(candidate => candidate.FreelancerId).ShouldBe(["shared-id"]);
        ofA[0].Similarity.ShouldBe(Math.Cos(double.DegreesToRadians(10)), 1e-5);

        (await Index.RemoveAsync(tenantA, "shared-id")).ShouldBeTrue();
        (await Index.RemoveAsync(tenantA, "shared-id")).ShouldBeFalse();
        (await Index.RemoveAsync(tenantA, "only-b")).ShouldBeFalse();

        (await Index.SearchAsync(Query(tenantA), QueryVector)).ShouldBeEmpty();
        var ofB = await Index.SearchAsync(Query(tenantB), QueryVector);
        ofB.Select(candidate => candidate.FreelancerId).ShouldBe(["only-b", "shared-id"]);
        ofB[1].Similarity.ShouldBe(Math.Cos(double.DegreesToRadians(40)), 1e-5);
    }

    [Fact]
    public async Task Selective_filters_still_return_the_k_rows_that_exist()
    {
        // 25 of 1,500 rows have the rare skill, and they point away from the query, so an index walk in similarity
        // order meets about 1,400 other rows before them: a plain top-k walk with a filter afterwards would find none.
        var tenant = NewTenant();
        var random = new Random(7);
        var rare = new HashSet<string>();
        for (var i = 0; i < 1_500; i++)
        {
            var id = $"f-{i:D4}";
            var isRare = i % 60 == 0;
            if (isRare)
            {
                rare.Add(id);
            }

            await Index.UpsertAsync(
                Document(tenant, id) with { Skills = isRare ? ["Electrician", "Rare"] : ["Electrician"] },
                isRare ? Noisy(random, Vector(0, 1)) : Noisy(random, Vector(1)));
        }

        var candidates = await Index.SearchAsync(Query(tenant, limit: 20) with { RequiredSkills = ["rare"] }, Vector(1));

        candidates.Count.ShouldBe(20);
        candidates.Select(candidate => candidate.FreelancerId).ShouldBeSubsetOf(rare);
        candidates.Select(candidate => candidate.Similarity).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task An_embedding_of_the_wrong_dimension_is_refused_with_both_dimensions_named()
    {
        var tenant = NewTenant();

        var upsert = await Should.ThrowAsync<ArgumentException>(() => Index.UpsertAsync(Document(tenant, "short"), new float[Dimensions - 1]));
        var search = await Should.ThrowAsync<ArgumentException>(() => Index.SearchAsync(Query(tenant), new float[Dimensions + 1]));

        upsert.Message.ShouldStartWith($"The embedding has {Dimensions - 1} dimensions; the match index holds {Dimensions} (Matching:Dimensions).");
        search.Message.ShouldStartWith($"The embedding has {Dimensions + 1} dimensions; the match index holds {Dimensions} (Matching:Dimensions).");
    }

    [Fact]
    public async Task A_malformed_document_is_refused_with_the_field_named()
    {
        var tenant = NewTenant();
        var window = new AvailabilityWindow(ShiftEnd, ShiftStart);

        var error = await Should.ThrowAsync<ArgumentException>(
            () => Index.UpsertAsync(Document(tenant, "bad") with { Availability = [window] }, QueryVector));

        error.Message.ShouldStartWith(
            $"Match document availability window #1 must start before it ends; it runs from {ShiftEnd:O} to {ShiftStart:O}.");
    }

    /// <summary>
    /// The filter fixture: three rows that pass every filter at 10, 30 and 60 degrees from the query, and for each filter
    /// one row identical to the query that fails only that filter.
    /// </summary>
    private async Task SeedFilterFixtureAsync(string tenant)
    {
        var passing = Document(tenant, "passing");
        await Index.UpsertAsync(passing with { FreelancerId = "third" }, AtAngle(60));
        await Index.UpsertAsync(passing with { FreelancerId = "best" }, AtAngle(10));
        await Index.UpsertAsync(passing with { FreelancerId = "second" }, AtAngle(30));
        await Index.UpsertAsync(passing with { FreelancerId = "fails-skill", Skills = ["Electrician"] }, QueryVector);
        await Index.UpsertAsync(passing with { FreelancerId = "fails-certification", Certifications = [] }, QueryVector);
        await Index.UpsertAsync(passing with { FreelancerId = "fails-radius", Latitude = BerlinLatitude + 1.5 }, QueryVector);
        await Index.UpsertAsync(passing with { FreelancerId = "fails-wage-min", HourlyRate = 20m }, QueryVector);
        await Index.UpsertAsync(passing with { FreelancerId = "fails-wage-max", HourlyRate = 80m }, QueryVector);
        await Index.UpsertAsync(passing with { FreelancerId = "fails-currency", Currency = "USD" }, QueryVector);
        await Index.UpsertAsync(
            passing with
            {
                FreelancerId = "fails-availability",
                Availability = [new AvailabilityWindow(ShiftStart.AddHours(-1), ShiftEnd.AddHours(-3))],
            },
            QueryVector);
    }

    private static float[] Noisy(Random random, float[] direction)
    {
        var vector = direction.ToArray();
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] += (float)(random.NextDouble() - 0.5) * 0.3f;
        }

        return vector;
    }
}
