using System.Net;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiCluster cluster)
{
    [Fact]
    public async Task A_creating_post_without_a_key_is_refused()
    {
        using var client = cluster.Client(ApiCluster.NewTenant(), "alice", "client");

        var problem = await (await client.PostAsync("/api/jobs", System.Net.Http.Json.JsonContent.Create(Samples.Job()))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString()!.ShouldContain("Idempotency-Key");
    }

    [Fact]
    public async Task A_replay_returns_the_first_answer_and_creates_nothing_more()
    {
        using var client = cluster.Client(ApiCluster.NewTenant(), "alice", "client");

        var first = await client.PostIdempotentAsync("/api/jobs", Samples.Job(), key: "post-job-1");
        var replay = await client.PostIdempotentAsync("/api/jobs", Samples.Job(), key: "post-job-1");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.Headers.Location.ShouldBe(first.Headers.Location);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await replay.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_409()
    {
        using var client = cluster.Client(ApiCluster.NewTenant(), "alice", "client");
        (await client.PostIdempotentAsync("/api/jobs", Samples.Job("First"), key: "post-job-2")).StatusCode.ShouldBe(HttpStatusCode.Created);

        await (await client.PostIdempotentAsync("/api/jobs", Samples.Job("Second"), key: "post-job-2")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Keys_are_per_user()
    {
        var tenant = ApiCluster.NewTenant();
        using var alice = cluster.Client(tenant, "alice", "client");
        using var bob = cluster.Client(tenant, "bob", "client");

        var first = await alice.PostIdempotentAsync("/api/jobs", Samples.Job(), key: "shared-key");
        var second = await bob.PostIdempotentAsync("/api/jobs", Samples.Job(), key: "shared-key");

        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        second.Headers.Location.ShouldNotBe(first.Headers.Location);
    }
}
