using System.Net;
using System.Net.Http.Json;

namespace Platform.Api.Tests.Support;

/// <summary>The steps of the marketplace that tests of other features take on the way, through the in-process API.</summary>
internal static class MarketplaceSteps
{
    /// <summary>Posts and publishes a sample job as <paramref name="clientId"/>; returns its path (<c>/api/jobs/job-…</c>).</summary>
    public static async Task<string> PostJobAsync(this ApiCluster cluster, string tenant, string clientId)
    {
        using var client = cluster.Client(tenant, clientId, "client");
        var posted = await client.PostIdempotentAsync("/api/jobs", Samples.Job());
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        return posted.Headers.Location!.ToString();
    }

    /// <summary>Gives <paramref name="freelancerId"/> a sample profile and applies to the job: the job's client gets an alert.</summary>
    public static async Task ApplyAsync(this ApiCluster cluster, string tenant, string freelancerId, string jobPath)
    {
        using var freelancer = cluster.Client(tenant, freelancerId, "freelancer");
        (await freelancer.PutAsJsonAsync("/api/freelancers/me", Samples.Profile())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await freelancer.PostIdempotentAsync($"{jobPath}/applications", new { coverNote = "I bake." })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
