using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ValidationTests(ApiCluster cluster)
{
    [Fact]
    public async Task A_job_with_bad_fields_gets_one_message_per_field_and_creates_nothing()
    {
        using var client = cluster.Client(ApiCluster.NewTenant(), "alice", "client");
        var job = new { title = "", description = "x", requiredSkills = new[] { "baking" }, shiftStart = Samples.ShiftStart, shiftEnd = Samples.ShiftStart.AddHours(2), latitude = 120.0, longitude = 4.9, radiusKm = 10.0, hourlyWageMin = 20m, hourlyWageMax = 30m, currency = "euro" };

        var problem = await (await client.PostIdempotentAsync("/api/jobs", job)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(field => field.Name.ToLowerInvariant()).ShouldBe(["title", "latitude", "currency"], ignoreOrder: true);
        errors.EnumerateObject().Single(field => field.Name.Equals("currency", StringComparison.OrdinalIgnoreCase)).Value[0].GetString()
            .ShouldBe("Currency must be an ISO 4217 code such as EUR.");
    }

    [Fact]
    public async Task Rules_across_fields_name_the_field_at_fault()
    {
        using var client = cluster.Client(ApiCluster.NewTenant(), "alice", "client");
        var job = new { title = "Night shift", description = "Bakery night shift.", requiredSkills = new[] { "baking" }, shiftStart = Samples.ShiftStart, shiftEnd = Samples.ShiftStart.AddHours(-1), latitude = 52.0, longitude = 4.9, radiusKm = 10.0, hourlyWageMin = 40m, hourlyWageMax = 30m, currency = "EUR" };

        var problem = await (await client.PostIdempotentAsync("/api/jobs", job)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(field => field.Name, field => field.Value[0].GetString());
        errors.Keys.ShouldBe(["ShiftEnd", "HourlyWageMax"], ignoreOrder: true);
        errors["ShiftEnd"]!.ShouldContain("must be after ShiftStart");
    }

    [Fact]
    public async Task A_rule_only_the_grain_knows_is_a_400_with_the_grains_message()
    {
        using var client = cluster.Client(ApiCluster.NewTenant(), "alice", "client");
        var job = new { title = "Night shift", description = "Bakery night shift.", requiredSkills = new[] { " " }, shiftStart = Samples.ShiftStart, shiftEnd = Samples.ShiftStart.AddHours(2), latitude = 52.0, longitude = 4.9, radiusKm = 10.0, hourlyWageMin = 20m, hourlyWageMax = 30m, currency = "EUR" };

        var problem = await (await client.PostIdempotentAsync("/api/jobs", job)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var error = problem.GetProperty("errors").EnumerateObject().ShouldHaveSingleItem();
        error.Name.ShouldBe("request", "the grain's rule is about the request as a whole");
        error.Value[0].GetString()!.ShouldContain("Required skill");
        problem.GetProperty("detail").GetString().ShouldBe(error.Value[0].GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400()
    {
        using var client = cluster.Client(ApiCluster.NewTenant(), "alice", "client");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent("{\"title\": ", Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "malformed-1");

        await (await client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413()
    {
        using var freelancer = cluster.Client(ApiCluster.NewTenant(), "bruno", "freelancer");
        using var content = new StringContent($"{{\"displayName\":\"{new string('x', 20_000)}\"}}", Encoding.UTF8, "application/json");

        await (await freelancer.PutAsync("/api/freelancers/me", content)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
