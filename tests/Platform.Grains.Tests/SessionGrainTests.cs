using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Grains.Alerts;
using Platform.Grains.Notifications;
using Platform.Grains.Sessions;
using Platform.Grains.Tenancy;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>
/// A front-end connection's session grain: it registers the connection with the user's alerts grain, keeps it registered
/// while heartbeats come, and disconnects it when they stop or the connection closes.
/// </summary>
[Collection(MarketplaceCollection.Name)]
public sealed class SessionGrainTests(MarketplaceCluster cluster)
{
    private readonly string _tenant = MarketplaceCluster.NewTenant();

    private IClusterClient Client => cluster.Cluster.Client;

    private AlertOptions Options => cluster.SiloServices.GetRequiredService<IOptions<AlertOptions>>().Value;

    private TimeSpan Lease => Options.LeaseDuration;

    /// <summary>When the front end renews: a third of the lease.</summary>
    private TimeSpan Renewal => Options.LeaseDuration / 3;

    private string User => $"{_tenant}/alice";

    [Fact]
    public async Task An_open_session_gets_the_users_alerts_and_heartbeats_keep_it_past_the_first_lease()
    {
        var recorder = new AlertRecorder();
        var session = Session("conn-1");
        var opened = await session.Open(User, Client.CreateObjectReference<IAlertObserver>(recorder));

        cluster.Clock.Advance(Renewal * 2);
        var renewed = await session.Heartbeat();
        cluster.Clock.Advance(Renewal * 2);
        await PublishAsync("n-1");

        (await ReceivedAsync(recorder, 1)).ShouldHaveSingleItem().NotificationId.ShouldBe($"{User}/n-1");
        opened.ConnectionId.ShouldBe("conn-1");
        renewed.ShouldNotBeNull().ExpiresAt.ShouldBe(opened.ExpiresAt + Renewal * 2);
        (await Outbox(User).Latest()).ShouldBeEmpty();
        await session.Close();
    }

    [Fact]
    public async Task A_closed_session_is_disconnected_so_alerts_go_to_the_push_outbox()
    {
        var recorder = new AlertRecorder();
        var session = Session("conn-2");
        await session.Open(User, Client.CreateObjectReference<IAlertObserver>(recorder));

        await session.Close();
        await PublishAsync("n-2");

        (await PushesAsync(1)).ShouldHaveSingleItem().NotificationId.ShouldBe($"{User}/n-2");
        recorder.Attempts.ShouldBe(0);
        (await session.Heartbeat()).ShouldBeNull();
    }

    [Fact]
    public async Task A_session_without_heartbeats_for_the_lease_disconnects_and_deactivates_itself()
    {
        var recorder = new AlertRecorder();
        var session = Session("conn-3");
        await session.Open(User, Client.CreateObjectReference<IAlertObserver>(recorder));

        cluster.Clock.Advance(Lease);

        // The expiry check runs on a grain timer of real time, so this waits up to one check interval.
        await Eventually.Until(
            () => Client.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)session),
            count => count == 0,
            "the session's deactivation",
            Options.ExpiryCheckInterval * 2);
        (await session.Heartbeat()).ShouldBeNull();
    }

    [Fact]
    public async Task A_session_refuses_a_user_of_another_tenant_or_a_second_user()
    {
        var session = Session("conn-4");
        var observer = Client.CreateObjectReference<IAlertObserver>(new AlertRecorder());

        await Should.ThrowAsync<TenantMismatchException>(() => session.Open($"{MarketplaceCluster.NewTenant()}/alice", observer));
        await session.Open(User, observer);
        await Should.ThrowAsync<InvalidOperationException>(() => session.Open($"{_tenant}/mallory", observer));
        await session.Close();
    }

    private ISessionGrain Session(string connectionId) => cluster.Grains.GetGrain<ISessionGrain>($"{_tenant}/{connectionId}");

    private Task PublishAsync(string id) =>
        cluster.Grains.GetGrain<IAlertNotificationPublisherGrain>(0).Publish(
            User, [new Notification($"{User}/{id}", User, NotificationKind.OfferMade, new Dictionary<string, string> { ["job"] = "job-1" }, cluster.Now)]);

    private static Task<IReadOnlyList<Alert>> ReceivedAsync(AlertRecorder recorder, int count) =>
        Eventually.Until(() => Task.FromResult(recorder.Received), received => received.Count >= count, $"{count} alerts on a connection");

    private Task<IReadOnlyList<Alert>> PushesAsync(int count) =>
        Eventually.Until(() => Outbox(User).Latest(), pushed => pushed.Count >= count, $"{count} pushes to {User}");

    private IPushOutboxGrain Outbox(string user) => cluster.Grains.GetGrain<IPushOutboxGrain>(user);
}
