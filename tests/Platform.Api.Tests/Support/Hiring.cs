using System.Net;
using System.Net.Http.Json;

namespace Platform.Api.Tests.Support;

/// <summary>Jobs at the stage a test starts from, reached through the API the way their users reach it.</summary>
public static class Hiring
{
    /// <summary>An open job of <paramref name="client"/> that <paramref name="freelancer"/> applied to, with a profile; its path.</summary>
    public static async Task<string> AppliedJobAsync(this ApiCluster cluster, string tenant, string client, string freelancer)
    {
        using var clientApi = cluster.Client(tenant, client, "client");
        using var freelancerApi = cluster.Client(tenant, freelancer, "freelancer");
        (await freelancerApi.PutAsJsonAsync("/api/freelancers/me", Samples.Profile())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var posted = await clientApi.PostIdempotentAsync("/api/jobs", Samples.Job());
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var jobPath = posted.Headers.Location!.ToString();
        (await freelancerApi.PostIdempotentAsync($"{jobPath}/applications", new { coverNote = "I bake." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return jobPath;
    }

    /// <summary>A job of <paramref name="client"/> that <paramref name="freelancer"/> was offered and accepted (Filled); its path.</summary>
    public static async Task<string> HiredJobAsync(this ApiCluster cluster, string tenant, string client, string freelancer)
    {
        var jobPath = await cluster.AppliedJobAsync(tenant, client, freelancer);
        using var clientApi = cluster.Client(tenant, client, "client");
        using var freelancerApi = cluster.Client(tenant, freelancer, "freelancer");
        (await clientApi.PostIdempotentAsync($"{jobPath}/offers", new { freelancerId = freelancer, hourlyWage = 32m })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var accepted = await (await freelancerApi.PostIdempotentAsync($"{jobPath}/acceptance", new { })).ShouldBeJsonAsync(HttpStatusCode.Created);
        accepted.GetProperty("status").GetString().ShouldBe("Filled");
        return jobPath;
    }
}
