using System.Net;
using System.Net.Http.Json;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class MarketplaceFlowTests(ApiCluster cluster)
{
    [Fact]
    public async Task A_client_posts_a_job_sees_the_match_and_hires_the_freelancer()
    {
        var tenant = ApiCluster.NewTenant();
        using var freelancer = cluster.Client(tenant, "bruno", "freelancer");
        using var client = cluster.Client(tenant, "alice", "client");

        (await freelancer.PutAsJsonAsync("/api/freelancers/me", Samples.Profile())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var posted = await client.PostIdempotentAsync("/api/jobs", Samples.Job());
        var job = await posted.ShouldBeJsonAsync(HttpStatusCode.Created);
        job.GetProperty("status").GetString().ShouldBe("Open");
        var jobPath = posted.Headers.Location!.ToString();

        // Matching runs on the job's creation event, after the call returned.
        var matches = (await Eventually.ValueAsync(async () =>
        {
            var found = await (await client.GetAsync($"{jobPath}/matches")).ShouldBeJsonAsync(HttpStatusCode.OK);
            return found.GetArrayLength() > 0 ? found : default(System.Text.Json.JsonElement?);
        }))!.Value;
        matches[0].GetProperty("freelancerKey").GetString().ShouldBe($"{tenant}/bruno");

        (await freelancer.PostIdempotentAsync($"{jobPath}/applications", new { coverNote = "I bake." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostIdempotentAsync($"{jobPath}/offers", new { freelancerId = "bruno", hourlyWage = 32m })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var accepted = await (await freelancer.PostIdempotentAsync($"{jobPath}/acceptance", new { })).ShouldBeJsonAsync(HttpStatusCode.Created);
        accepted.GetProperty("status").GetString().ShouldBe("Filled");

        var filled = await (await client.GetAsync(jobPath)).ShouldBeJsonAsync(HttpStatusCode.OK);
        filled.GetProperty("hiredFreelancerKey").GetString().ShouldBe($"{tenant}/bruno");
    }

    [Fact]
    public async Task A_freelancer_sees_the_posting_but_not_who_applied()
    {
        var tenant = ApiCluster.NewTenant();
        using var client = cluster.Client(tenant, "alice", "client");
        using var freelancer = cluster.Client(tenant, "carla", "freelancer");
        var posted = await client.PostIdempotentAsync("/api/jobs", Samples.Job());
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);

        var seen = await (await freelancer.GetAsync(posted.Headers.Location)).ShouldBeJsonAsync(HttpStatusCode.OK);

        seen.GetProperty("title").GetString().ShouldBe("Pastry chef for a wedding");
        seen.TryGetProperty("applicants", out _).ShouldBeFalse();
        seen.TryGetProperty("clientId", out _).ShouldBeFalse();
    }
}
