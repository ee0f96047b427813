using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Core.Internal;
using Platform.Api.Realtime;
using Platform.Api.Tests.Support;
using Platform.Grains.Alerts;

namespace Platform.Api.Tests;

/// <summary>
/// What happens to live connections when the API instance that holds them dies (a real process, killed) or when the
/// user's alerts grain forgets them (re-activated): nothing is lost, alerts go to the push outbox or catch up live.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiInstanceFailureTests(ApiCluster cluster)
{
    /// <summary>The detection time: the lease from the last renewal, one expiry check, and slack for a busy test machine.</summary>
    private static readonly TimeSpan DetectionTime = ApiCluster.AlertLease + ApiCluster.ExpiryCheckInterval + TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_killed_api_instances_sessions_close_within_the_lease_and_its_users_alerts_go_to_the_push_outbox()
    {
        var tenant = ApiCluster.NewTenant();
        var alice = $"{tenant}/alice";
        var jobPath = await cluster.PostJobAsync(tenant, "alice");
        await using var instance = await ApiProcess.StartAsync(cluster);
        await using var live = await AlertsConnection.OpenAsync(cluster, instance.Url, tenant, "alice", "client");
        var session = await live.OpenSessionAsync(cluster, tenant);
        await cluster.ApplyAsync(tenant, "bruno", jobPath);
        (await live.WaitForAsync(1)).ShouldHaveSingleItem().Sequence.ShouldBe(1);

        await instance.KillAsync();
        await cluster.ApplyAsync(tenant, "carla", jobPath);
        var pushedWhileDetecting = await PushedAsync(alice, 2);
        await Eventually.ValueAsync(async () => await session.IsOpen() ? null : "closed", DetectionTime);
        await cluster.ApplyAsync(tenant, "dora", jobPath);
        var pushedAfterCleanUp = await PushedAsync(alice, 3);

        pushedWhileDetecting.Select(alert => alert.Sequence).ShouldBe([2]);
        pushedAfterCleanUp.Select(alert => alert.Sequence).ShouldBe([2, 3]);
        pushedAfterCleanUp[1].Payload["freelancer"].ShouldBe($"{tenant}/dora");
        await using var reconnected = await AlertsConnection.OpenAsync(cluster, tenant, "alice", "client");
        (await reconnected.Hub.InvokeAsync<long>(nameof(AlertsHub.Resume), 1L)).ShouldBe(3);
        (await reconnected.WaitForAsync(2)).Select(alert => alert.Sequence).ShouldBe([2, 3]);
    }

    [Fact]
    public async Task Alerts_pushed_while_the_users_alerts_grain_did_not_know_a_connection_reach_it_at_the_next_renewal()
    {
        var tenant = ApiCluster.NewTenant();
        var alice = $"{tenant}/alice";
        var jobPath = await cluster.PostJobAsync(tenant, "alice");
        await using var live = await AlertsConnection.OpenAsync(cluster, tenant, "alice", "client");
        await live.OpenSessionAsync(cluster, tenant);
        await cluster.ApplyAsync(tenant, "bruno", jobPath);
        (await live.WaitForAsync(1)).ShouldHaveSingleItem().Sequence.ShouldBe(1);

        // A new activation knows no connection until each renews: the next alert can only be pushed.
        await cluster.Grains.GetGrain<IUserAlertsGrain>(alice).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await cluster.ApplyAsync(tenant, "carla", jobPath);
        var pushed = await PushedAsync(alice, 2);
        var received = await live.WaitForAsync(2);

        pushed.Select(alert => alert.Sequence).ShouldBe([2]);
        received.Select(alert => alert.Sequence).ShouldBe([1, 2]);
        received[1].Payload["freelancer"].ShouldBe($"{tenant}/carla");
    }

    /// <summary>The push outbox of <paramref name="user"/> once it holds <paramref name="sequence"/>.</summary>
    private async Task<IReadOnlyList<Alert>> PushedAsync(string user, long sequence) =>
        (await Eventually.ValueAsync(
            async () => await cluster.Grains.GetGrain<IPushOutboxGrain>(user).Latest() is var pushed && pushed.Any(alert => alert.Sequence == sequence) ? pushed : null,
            DetectionTime))!;
}
