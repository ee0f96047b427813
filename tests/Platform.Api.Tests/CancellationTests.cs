using System.Net;
using System.Net.Http.Json;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

/// <summary>Cancelling a job or its shift through the API, and the alerts that tell the other side.</summary>
[Collection(ApiCollection.Name)]
public sealed class CancellationTests(ApiCluster cluster)
{
    private readonly string _tenant = ApiCluster.NewTenant();

    [Fact]
    public async Task The_client_cancelling_the_shift_reaches_the_hired_freelancer_live()
    {
        var jobPath = await cluster.HiredJobAsync(_tenant, "alice", "bruno");
        await using var freelancerLive = await AlertsConnection.OpenAsync(cluster, _tenant, "bruno", "freelancer");
        using var client = cluster.Client(_tenant, "alice", "client");

        var cancelled = await (await client.PostAsJsonAsync($"{jobPath}/shift-cancellation", new { reason = "The venue flooded." })).ShouldBeJsonAsync(HttpStatusCode.OK);

        cancelled.GetProperty("status").GetString().ShouldBe("Cancelled");
        cancelled.GetProperty("lastShiftCancellation").GetProperty("cancelledBy").GetString().ShouldBe("Client");
        var alert = await Eventually.ValueAsync(() => Task.FromResult(freelancerLive.Received.FirstOrDefault(received => received.Kind == "ShiftCancelled")));
        alert!.Payload["job"].ShouldBe($"{_tenant}/{jobPath.Split('/')[^1]}");
        (alert.Payload["cancelledBy"], alert.Payload["reason"], alert.Payload["reopened"]).ShouldBe(("Client", "The venue flooded.", "false"));
    }

    [Fact]
    public async Task The_hired_freelancer_cancelling_before_the_shift_reopens_the_job_and_the_client_is_told_live()
    {
        var jobPath = await cluster.HiredJobAsync(_tenant, "alice", "bruno");
        await using var clientLive = await AlertsConnection.OpenAsync(cluster, _tenant, "alice", "client");
        using var freelancer = cluster.Client(_tenant, "bruno", "freelancer");
        using var stranger = cluster.Client(_tenant, "carla", "freelancer");

        await (await stranger.PostAsJsonAsync($"{jobPath}/shift-cancellation", new { reason = "Not mine." })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var reopened = await (await freelancer.PostAsJsonAsync($"{jobPath}/shift-cancellation", new { reason = "I am ill." })).ShouldBeJsonAsync(HttpStatusCode.OK);

        reopened.GetProperty("status").GetString().ShouldBe("Open");
        reopened.TryGetProperty("applicants", out _).ShouldBeFalse("the freelancer gets the posting, not the client's view");
        var alert = await Eventually.ValueAsync(() => Task.FromResult(clientLive.Received.FirstOrDefault(received => received.Kind == "ShiftCancelled")));
        (alert!.Payload["cancelledBy"], alert.Payload["freelancer"], alert.Payload["reopened"]).ShouldBe(("Freelancer", $"{_tenant}/bruno", "true"));
    }

    [Fact]
    public async Task The_client_cancels_a_job_its_applicant_is_told_and_a_second_cancellation_is_a_409()
    {
        var jobPath = await cluster.AppliedJobAsync(_tenant, "alice", "bruno");
        using var client = cluster.Client(_tenant, "alice", "client");
        using var freelancer = cluster.Client(_tenant, "bruno", "freelancer");
        using var otherClient = cluster.Client(_tenant, "dora", "client");

        await (await freelancer.PostAsJsonAsync($"{jobPath}/cancellation", new { reason = "Mine now." })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await otherClient.PostAsJsonAsync($"{jobPath}/cancellation", new { reason = "Mine now." })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var blank = await (await client.PostAsJsonAsync($"{jobPath}/cancellation", new { reason = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var cancelled = await (await client.PostAsJsonAsync($"{jobPath}/cancellation", new { reason = "Budget withdrawn." })).ShouldBeJsonAsync(HttpStatusCode.OK);
        var again = await (await client.PostAsJsonAsync($"{jobPath}/cancellation", new { reason = "Budget withdrawn." })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        blank.GetProperty("errors").EnumerateObject().ShouldHaveSingleItem().Name.ShouldBe("reason", StringCompareShould.IgnoreCase);
        (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancellationReason").GetString()).ShouldBe(("Cancelled", "Budget withdrawn."));
        again.GetProperty("detail").GetString().ShouldBe(
            $"Cannot Cancel job '{_tenant}/{jobPath.Split('/')[^1]}': it is Cancelled; Cancel is allowed only from Draft, Open, Filled or InProgress.");
        var told = await Eventually.ValueAsync(async () =>
        {
            var polled = await (await freelancer.GetAsync("/api/notifications?since=0")).ShouldBeJsonAsync(HttpStatusCode.OK);
            return polled.GetProperty("alerts").EnumerateArray().Where(alert => alert.GetProperty("kind").GetString() == "JobCancelled").Select(alert => (System.Text.Json.JsonElement?)alert).FirstOrDefault();
        });
        told!.Value.GetProperty("payload").GetProperty("reason").GetString().ShouldBe("Budget withdrawn.");
    }
}
