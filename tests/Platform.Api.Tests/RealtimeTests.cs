using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Api.Realtime;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

/// <summary>Live alerts over the real SignalR hub (long polling: the test server has no websockets) from real marketplace actions.</summary>
[Collection(ApiCollection.Name)]
public sealed class RealtimeTests(ApiCluster cluster)
{
    [Fact]
    public async Task An_application_reaches_both_live_connections_of_the_client()
    {
        var tenant = ApiCluster.NewTenant();
        await using var phone = await AlertsConnection.OpenAsync(cluster, tenant, "alice", "client");
        await using var laptop = await AlertsConnection.OpenAsync(cluster, tenant, "alice", "client");
        var jobPath = await PostJobAsync(tenant, "alice");

        await ApplyAsync(tenant, "bruno", jobPath);

        foreach (var connection in new[] { phone, laptop })
        {
            var alert = (await connection.WaitForAsync(1)).ShouldHaveSingleItem();
            alert.Kind.ShouldBe("ApplicationReceived");
            alert.Sequence.ShouldBe(1);
            alert.Payload["freelancer"].ShouldBe($"{tenant}/bruno");
            alert.Payload["job"].ShouldBe($"{tenant}/{jobPath.Split('/')[^1]}");
        }

        phone.Received[0].Id.ShouldBe(laptop.Received[0].Id);
    }

    [Fact]
    public async Task A_client_that_was_offline_gets_the_missed_alert_on_resume_and_nothing_twice()
    {
        var tenant = ApiCluster.NewTenant();
        using var client = cluster.Client(tenant, "alice", "client");
        var jobPath = await PostJobAsync(tenant, "alice");
        await ApplyAsync(tenant, "bruno", jobPath);
        await Eventually.ValueAsync(async () =>
        {
            var polled = await (await client.GetAsync("/api/notifications?since=0")).ShouldBeJsonAsync(HttpStatusCode.OK);
            return polled.GetProperty("lastSequence").GetInt64() > 0 ? "stored" : null;
        });
        await using var connection = await AlertsConnection.OpenAsync(cluster, tenant, "alice", "client");

        var latest = await connection.Hub.InvokeAsync<long>(nameof(AlertsHub.Resume), 0L);
        var again = await connection.Hub.InvokeAsync<long>(nameof(AlertsHub.Resume), 0L);
        await ApplyAsync(tenant, "carla", jobPath);

        latest.ShouldBe(1);
        again.ShouldBe(1);
        var received = await connection.WaitForAsync(2);
        received.Select(alert => alert.Sequence).ShouldBe([1, 2]);
        received[0].Payload["freelancer"].ShouldBe($"{tenant}/bruno");
        received[1].Payload["freelancer"].ShouldBe($"{tenant}/carla");
        connection.Reloads.ShouldBe(0);
    }

    [Fact]
    public async Task A_connection_without_a_token_is_refused()
    {
        await using var hub = AlertsConnection.Build(cluster, token: null);

        var refused = await Should.ThrowAsync<HttpRequestException>(() => hub.StartAsync());

        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        hub.State.ShouldBe(HubConnectionState.Disconnected);
    }

    [Fact]
    public async Task An_alert_for_another_user_never_reaches_this_users_connection()
    {
        var tenant = ApiCluster.NewTenant();
        await using var alice = await AlertsConnection.OpenAsync(cluster, tenant, "alice", "client");
        await using var dora = await AlertsConnection.OpenAsync(cluster, tenant, "dora", "client");
        var jobPath = await PostJobAsync(tenant, "alice");

        await ApplyAsync(tenant, "bruno", jobPath);

        (await alice.WaitForAsync(1)).ShouldHaveSingleItem().Kind.ShouldBe("ApplicationReceived");
        (await dora.Hub.InvokeAsync<long>(nameof(AlertsHub.Resume), 0L)).ShouldBe(0);
        dora.Received.ShouldBeEmpty();
    }

    private async Task<string> PostJobAsync(string tenant, string clientId)
    {
        using var client = cluster.Client(tenant, clientId, "client");
        var posted = await client.PostIdempotentAsync("/api/jobs", Samples.Job());
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        return posted.Headers.Location!.ToString();
    }

    private async Task ApplyAsync(string tenant, string freelancerId, string jobPath)
    {
        using var freelancer = cluster.Client(tenant, freelancerId, "freelancer");
        (await freelancer.PutAsJsonAsync("/api/freelancers/me", Samples.Profile())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await freelancer.PostIdempotentAsync($"{jobPath}/applications", new { coverNote = "I bake." })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
