using Microsoft.Extensions.AI;
using Platform.Grains.Matching;
using Platform.Matching.Tests.Support;
using static Platform.Matching.Tests.Support.MatchSamples;

namespace Platform.Matching.Tests.Grains;

public sealed class MatchingGrainTests(MatchingCluster cluster) : IClassFixture<MatchingCluster>
{
    public static TheoryData<string, string> MalformedQueries => new()
    {
        { "limit 0", "Match query limit must be between 1 and 200; it is 0." },
        { "limit 201", "Match query limit must be between 1 and 200; it is 201." },
        { "radius 0", "Match query radius must be a finite number of km greater than 0; it is 0." },
        { "radius NaN", "Match query radius must be a finite number of km greater than 0; it is NaN." },
        { "latitude 91", "Match query latitude must be between -90 and 90; it is 91." },
        { "longitude -180.5", "Match query longitude must be between -180 and 180; it is -180.5." },
        { "wage min -1", "Match query minimum wage must not be negative; it is -1." },
        { "wage min above max", "Match query minimum wage (70) must not exceed the maximum wage (60)." },
        { "currency EURO", "Match query currency must be a three-letter ISO 4217 code such as EUR; it is 'EURO'." },
        { "currency E1R", "Match query currency must be a three-letter ISO 4217 code such as EUR; it is 'E1R'." },
        { "shift end at start", $"Match query shift start ({ShiftStart:O}) must be before the shift end ({ShiftStart:O})." },
        { "blank skill", "Match query required skill #2 is empty." },
        { "blank job text", "Match query job text must not be empty." },
    };

    [Fact]
    public async Task Candidates_are_ranked_by_how_similar_their_profile_is_to_the_job()
    {
        var tenant = NewTenant();
        await SeedAsync(tenant, "solar", "Electrician installing solar panels and roof solar systems");
        await SeedAsync(tenant, "house", "Electrician for house wiring and fuse boxes");
        await SeedAsync(tenant, "plumber", "Plumber for bathrooms", skills: ["Plumber", "Solar"]);

        var candidates = await Grain(tenant).FindCandidates(Query(tenant) with { JobText = "Electrician for solar panels on a roof" });

        candidates.Select(candidate => candidate.FreelancerId).ShouldBe(["solar", "house"]);
        candidates[0].Similarity.ShouldBeGreaterThan(candidates[1].Similarity);
    }

    [Fact]
    public async Task A_query_of_another_tenant_is_refused()
    {
        var (tenant, other) = (NewTenant(), NewTenant());
        await SeedAsync(other, "theirs", "Electrician solar");

        var error = await Should.ThrowAsync<ArgumentException>(() => Grain(tenant).FindCandidates(Query(other)));

        error.Message.ShouldStartWith(
            $"Match query tenant id '{other}' differs from the tenant '{tenant}' of this matching grain; ask the grain keyed by the query's tenant.");
    }

    [Theory]
    [MemberData(nameof(MalformedQueries))]
    public async Task A_malformed_query_is_refused_with_the_field_and_value_named(string change, string message)
    {
        var tenant = NewTenant();
        var query = Query(tenant);
        query = change switch
        {
            "limit 0" => query with { Limit = 0 },
            "limit 201" => query with { Limit = 201 },
            "radius 0" => query with { RadiusKm = 0 },
            "radius NaN" => query with { RadiusKm = double.NaN },
            "latitude 91" => query with { Latitude = 91 },
            "longitude -180.5" => query with { Longitude = -180.5 },
            "wage min -1" => query with { WageMin = -1 },
            "wage min above max" => query with { WageMin = 70, WageMax = 60 },
            "currency EURO" => query with { Currency = "EURO" },
            "currency E1R" => query with { Currency = "E1R" },
            "shift end at start" => query with { ShiftEnd = ShiftStart },
            "blank skill" => query with { RequiredSkills = ["electrician", " "] },
            "blank job text" => query with { JobText = "  " },
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "unknown change"),
        };

        var error = await Should.ThrowAsync<ArgumentException>(() => Grain(tenant).FindCandidates(query));

        error.Message.ShouldStartWith(message);
    }

    private IMatchingGrain Grain(string tenant) => cluster.Grains.GetGrain<IMatchingGrain>(tenant);

    private async Task SeedAsync(string tenant, string freelancerId, string profileText, string[]? skills = null)
    {
        var document = Document(tenant, freelancerId) with { ProfileText = profileText, Skills = skills ?? ["Electrician", "Solar"] };
        await cluster.Index.UpsertAsync(document, await cluster.Embeddings.GenerateVectorAsync(profileText));
    }
}
