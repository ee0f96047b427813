using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Grains.Alerts;
using Platform.Grains.Notifications;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>
/// Each user's notifications become numbered alerts, stored, then delivered to every live connection or else to the push
/// outbox, through the real implicit subscriber on "platform.notifications".
/// </summary>
[Collection(MarketplaceCollection.Name)]
public sealed class AlertTests(MarketplaceCluster cluster)
{
    private readonly Marketplace _market = new(cluster);

    private IClusterClient Client => cluster.Cluster.Client;

    private AlertOptions Options => cluster.SiloServices.GetRequiredService<IOptions<AlertOptions>>().Value;

    private TimeSpan Lease => Options.LeaseDuration;

    /// <summary>When the front end renews: a third of the lease.</summary>
    private TimeSpan Renewal => Options.LeaseDuration / 3;

    [Fact]
    public async Task A_freelancer_applying_becomes_the_offline_clients_first_alert_and_a_push()
    {
        var freelancer = await _market.NewFreelancerAsync();
        var job = await _market.NewOpenJobAsync();
        var jobKey = job.GetPrimaryKeyString();

        var applied = await freelancer.Apply(jobKey, "Happy to help.");

        var catchUp = await Eventually.Until(() => Alerts(_market.ClientKey).Since(0), result => result.Alerts.Count > 0, "the client's first alert");
        var pushed = await PushesAsync(_market.ClientKey, 1);
        var alert = catchUp.Alerts.ShouldHaveSingleItem();
        alert.Sequence.ShouldBe(1);
        alert.NotificationId.ShouldBe($"{jobKey}#{applied.Revision}/ApplicationReceived/{_market.ClientKey}");
        alert.Kind.ShouldBe(NotificationKind.ApplicationReceived);
        alert.Payload["freelancer"].ShouldBe(freelancer.GetPrimaryKeyString());
        alert.Payload["job"].ShouldBe(jobKey);
        catchUp.LastSequence.ShouldBe(1);
        catchUp.Truncated.ShouldBeFalse();
        pushed.ShouldHaveSingleItem().NotificationId.ShouldBe(alert.NotificationId);
        pushed[0].Sequence.ShouldBe(1);
    }

    [Fact]
    public async Task Every_live_connection_of_the_user_gets_the_alert_once_it_is_stored_and_nothing_is_pushed()
    {
        var user = _market.ClientKey;
        var storedWhenDelivered = new List<long>();
        async Task RecordStored(Alert alert)
        {
            var stored = await cluster.ReadStoredAsync<UserAlertsState>("user-alerts", user, "alerts");
            lock (storedWhenDelivered)
            {
                storedWhenDelivered.Add(stored?.LastSequence ?? 0);
            }
        }

        var phone = new AlertRecorder(RecordStored);
        var laptop = new AlertRecorder(RecordStored);
        var lease = await Alerts(user).Connect("phone", Observe(phone));
        await Alerts(user).Connect("laptop", Observe(laptop));
        var freelancer = await _market.NewFreelancerAsync();
        var job = await _market.NewOpenJobAsync();

        await freelancer.Apply(job.GetPrimaryKeyString(), "Happy to help.");

        var onPhone = await ReceivedAsync(phone, 1);
        var onLaptop = await ReceivedAsync(laptop, 1);
        onPhone.ShouldHaveSingleItem().Sequence.ShouldBe(1);
        onLaptop.ShouldHaveSingleItem().NotificationId.ShouldBe(onPhone[0].NotificationId);
        onPhone[0].Kind.ShouldBe(NotificationKind.ApplicationReceived);
        storedWhenDelivered.ShouldBe([1, 1]);
        lease.ConnectionId.ShouldBe("phone");
        lease.ExpiresAt.ShouldBe(cluster.Now + Lease);
        lease.LastSequence.ShouldBe(0);
        (await Outbox(user).Latest()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_repeated_notification_id_becomes_one_alert_even_after_the_grain_was_reactivated()
    {
        var user = _market.NewKey("u");
        var (first, second, third) = (Note(user, "n1"), Note(user, "n2"), Note(user, "n3"));

        await PublishAsync(user, first, first, second, first);
        await Eventually.Until(() => Alerts(user).Since(0), result => result.LastSequence == 2, "two alerts");
        await cluster.DeactivateAsync(Alerts(user));
        await PublishAsync(user, second, third);

        var catchUp = await Eventually.Until(() => Alerts(user).Since(0), result => result.LastSequence == 3, "the third alert");
        catchUp.Alerts.Select(alert => (alert.Sequence, alert.NotificationId)).ShouldBe([(1, first.Id), (2, second.Id), (3, third.Id)]);
        (await PushesAsync(user, 3)).Select(alert => alert.Sequence).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task A_connection_whose_lease_ran_out_gets_nothing_more_and_alerts_go_to_the_push_outbox()
    {
        var user = _market.NewKey("u");
        var forgotten = new AlertRecorder();
        var renewed = new AlertRecorder();
        await Alerts(user).Connect("forgotten", Observe(forgotten));
        await Alerts(user).Connect("renewed", Observe(renewed));
        cluster.Clock.Advance(Renewal * 2);
        await Alerts(user).Connect("renewed", Observe(renewed));
        cluster.Clock.Advance(Lease - Renewal * 2);

        await PublishAsync(user, Note(user, "n1"));
        var onRenewed = await ReceivedAsync(renewed, 1);
        cluster.Clock.Advance(Lease);
        await PublishAsync(user, Note(user, "n2"));
        var pushed = await PushesAsync(user, 1);

        onRenewed.ShouldHaveSingleItem().Sequence.ShouldBe(1);
        pushed.ShouldHaveSingleItem().Sequence.ShouldBe(2);
        renewed.Received.Count.ShouldBe(1);
        forgotten.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task A_connection_that_fails_a_delivery_is_dropped_and_alerts_go_to_the_push_outbox_without_live_ones()
    {
        var user = _market.NewKey("u");
        var closed = new AlertRecorder { Refuse = true };
        var open = new AlertRecorder();
        await Alerts(user).Connect("closed", Observe(closed));
        await Alerts(user).Connect("open", Observe(open));

        await PublishAsync(user, Note(user, "n1"));
        var onOpen = await ReceivedAsync(open, 1);
        await Alerts(user).Disconnect("open");
        await PublishAsync(user, Note(user, "n2"));
        var pushed = await PushesAsync(user, 1);

        onOpen.ShouldHaveSingleItem().Sequence.ShouldBe(1);
        pushed.ShouldHaveSingleItem().Sequence.ShouldBe(2);
        closed.Attempts.ShouldBe(1);
        open.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_connection_whose_api_instance_is_gone_is_dropped_and_its_alert_is_pushed()
    {
        var user = _market.NewKey("u");
        var gone = new AlertRecorder();
        var reference = Observe(gone);
        await Alerts(user).Connect("gone", reference);
        Client.DeleteObjectReference<IAlertObserver>(reference);

        await PublishAsync(user, Note(user, "n1"), Note(user, "n2"));

        (await PushesAsync(user, 2)).Select(alert => alert.Sequence).ShouldBe([1, 2]);
        gone.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task A_reconnecting_client_gets_what_it_missed_in_order_from_the_stored_inbox()
    {
        var user = _market.NewKey("u");
        var tab = new AlertRecorder();
        await Alerts(user).Connect("tab", Observe(tab));
        await PublishAsync(user, Note(user, "n1"));
        var seen = (await ReceivedAsync(tab, 1))[0].Sequence;
        await Alerts(user).Disconnect("tab");
        await PublishAsync(user, Note(user, "n2"), Note(user, "n3"));
        await PushesAsync(user, 2);

        await cluster.DeactivateAsync(Alerts(user));
        var lease = await Alerts(user).Connect("tab-2", Observe(tab));
        var missed = await Alerts(user).Since(seen);

        lease.LastSequence.ShouldBe(3);
        missed.Alerts.Select(alert => (alert.Sequence, alert.NotificationId)).ShouldBe([(2, $"{user}/n2"), (3, $"{user}/n3")]);
        missed.Truncated.ShouldBeFalse();
        missed.LastSequence.ShouldBe(3);
        (await Alerts(user).Since(3)).Alerts.ShouldBeEmpty();
        (await cluster.ReadStoredAsync<UserAlertsState>("user-alerts", user, "alerts"))!.Inbox.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_client_further_behind_than_the_inbox_keeps_gets_the_kept_alerts_marked_truncated()
    {
        var user = _market.NewKey("u");
        var kept = Enumerable.Range(6, AlertTerms.InboxCapacity)
            .Select(sequence => new Alert(sequence, $"{user}/old-{sequence}", NotificationKind.OfferMade, new Dictionary<string, string>(), cluster.Now))
            .ToArray();
        await cluster.Storage.WriteStateAsync(
            "alerts",
            GrainId.Create("user-alerts", user),
            new GrainState<UserAlertsState>(new UserAlertsState { LastSequence = kept[^1].Sequence, Inbox = kept }));

        var behind = await Alerts(user).Since(2);
        var justInWindow = await Alerts(user).Since(5);
        var recent = await Alerts(user).Since(1000);
        await PublishAsync(user, Note(user, "new"));
        var after = await Eventually.Until(() => Alerts(user).Since(0), result => result.LastSequence == 1006, "the 1006th alert");

        behind.Truncated.ShouldBeTrue();
        behind.Alerts.Count.ShouldBe(AlertTerms.InboxCapacity);
        behind.Alerts[0].Sequence.ShouldBe(6);
        justInWindow.Truncated.ShouldBeFalse();
        justInWindow.Alerts.Count.ShouldBe(AlertTerms.InboxCapacity);
        recent.Alerts.Select(alert => alert.Sequence).ShouldBe([1001, 1002, 1003, 1004, 1005]);
        after.Alerts.Count.ShouldBe(AlertTerms.InboxCapacity);
        after.Alerts[0].Sequence.ShouldBe(7);
        after.Alerts[^1].NotificationId.ShouldBe($"{user}/new");
        after.Truncated.ShouldBeTrue();
    }

    [Fact]
    public async Task A_notification_for_someone_else_on_the_users_stream_is_ignored()
    {
        var user = _market.NewKey("u");
        var other = _market.NewKey("other");

        await PublishAsync(user, Note(other, "foreign"), Note(user, "own"));

        var catchUp = await Eventually.Until(() => Alerts(user).Since(0), result => result.LastSequence > 0, "the user's own alert");
        catchUp.Alerts.ShouldHaveSingleItem().NotificationId.ShouldBe($"{user}/own");
        catchUp.LastSequence.ShouldBe(1);
    }

    [Fact]
    public async Task Connecting_needs_a_connection_id_and_catching_up_a_sequence_of_zero_or_more()
    {
        var alerts = Alerts(_market.NewKey("u"));
        var recorder = new AlertRecorder();

        await Should.ThrowAsync<ArgumentException>(() => alerts.Connect(" ", Observe(recorder)));
        await Should.ThrowAsync<ArgumentException>(() => alerts.Connect(new string('c', AlertTerms.MaxConnectionIdLength + 1), Observe(recorder)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => alerts.Since(-1));
        await Should.ThrowAsync<ArgumentException>(() => cluster.Grains.GetGrain<IUserAlertsGrain>("no-tenant").Since(0));
    }

    [Fact]
    public void The_inbox_keeps_the_latest_alerts_numbered_without_gaps_and_drops_known_ids()
    {
        var state = new UserAlertsState();
        foreach (var id in new[] { "a", "b", "a", "c", "d" })
        {
            state = AlertInbox.Accept(state, Note("acme/u-1", id), capacity: 3) is { } accepted ? accepted.Next : state;
        }

        state.LastSequence.ShouldBe(4);
        state.Inbox.Select(alert => (alert.Sequence, alert.NotificationId)).ShouldBe([(2, "acme/u-1/b"), (3, "acme/u-1/c"), (4, "acme/u-1/d")]);
        AlertInbox.Accept(state, Note("acme/u-1", "c"), capacity: 3).ShouldBeNull();
        AlertInbox.Since(state, 0).Truncated.ShouldBeTrue();
        AlertInbox.Since(state, 1).Truncated.ShouldBeFalse();
        AlertInbox.Since(state, 4).Alerts.ShouldBeEmpty();
        var empty = AlertInbox.Since(new UserAlertsState(), 0);
        empty.Alerts.ShouldBeEmpty();
        empty.Truncated.ShouldBeFalse();
        empty.LastSequence.ShouldBe(0);
    }

    private IUserAlertsGrain Alerts(string user) => cluster.Grains.GetGrain<IUserAlertsGrain>(user);

    private IAlertObserver Observe(AlertRecorder recorder) => Client.CreateObjectReference<IAlertObserver>(recorder);

    private Notification Note(string recipient, string id) =>
        new($"{recipient}/{id}", recipient, NotificationKind.OfferMade, new Dictionary<string, string> { ["job"] = $"{recipient}-job" }, cluster.Now);

    private Task PublishAsync(string streamKey, params Notification[] notifications) =>
        cluster.Grains.GetGrain<IAlertNotificationPublisherGrain>(0).Publish(streamKey, notifications);

    private static Task<IReadOnlyList<Alert>> ReceivedAsync(AlertRecorder recorder, int count) =>
        Eventually.Until(() => Task.FromResult(recorder.Received), received => received.Count >= count, $"{count} alerts on a connection");

    private Task<IReadOnlyList<Alert>> PushesAsync(string user, int count) =>
        Eventually.Until(() => Outbox(user).Latest(), pushed => pushed.Count >= count, $"{count} pushes to {user}");

    [Fact]
    public async Task The_embedded_push_outbox_keeps_each_sequence_once_and_only_the_latest_pushes()
    {
        var user = _market.NewKey("u");
        var alerts = Enumerable.Range(1, IPushOutboxGrain.Capacity + 5)
            .Select(sequence => new Alert(sequence, $"n-{sequence}", NotificationKind.OfferMade, new Dictionary<string, string>(), cluster.Now))
            .ToArray();

        foreach (var alert in alerts)
        {
            await Outbox(user).Add(alert);
        }

        await Outbox(user).Add(alerts[^1] with { NotificationId = "repeat" });
        await cluster.DeactivateAsync(Outbox(user));
        var kept = await Outbox(user).Latest();

        kept.Select(alert => alert.Sequence).ShouldBe(Enumerable.Range(6, IPushOutboxGrain.Capacity).Select(sequence => (long)sequence));
        kept[^1].NotificationId.ShouldBe($"n-{alerts.Length}");
        await Should.ThrowAsync<ArgumentException>(() => cluster.Grains.GetGrain<IPushOutboxGrain>("no-tenant").Add(alerts[0]));
    }

    private IPushOutboxGrain Outbox(string user) => cluster.Grains.GetGrain<IPushOutboxGrain>(user);
}
