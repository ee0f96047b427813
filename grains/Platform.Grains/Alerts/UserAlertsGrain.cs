using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement.Filtering;
using Orleans.Storage;
using Orleans.Streams;
using Platform.Grains.Notifications;
using Platform.Grains.Streams;
using Platform.Grains.Tenancy;
using Platform.Orleans.Supervision;

namespace Platform.Grains.Alerts;

// Type and state name fixed so that renaming the class keeps stored inboxes; "alerts" is unique across grain types
// because the ADO.NET storage key leaves the grain type out.
[GrainType("user-alerts")]
[ImplicitStreamSubscription(PlatformStreams.NotificationsNamespace)]
[PreferredMatchSiloMetadataPlacementFilter([ZonePlacement.MetadataKey], ZonePlacement.MinimumCandidates)]
// A stale ETag means another activation wrote since this one read: restart and read the truth (as JobGrain does).
[OnFailure(typeof(InconsistentStateException), SupervisionDirective.Restart)]
internal sealed class UserAlertsGrain(
    [PersistentState("alerts")] IPersistentState<UserAlertsState> state,
    TimeProvider time,
    IOptions<AlertOptions> options,
    IServiceProvider services,
    ILogger<UserAlertsGrain> logger)
    : Grain, IUserAlertsGrain
{
    /// <summary>How long a push may take before the grain moves on (the alert stays in the inbox either way).</summary>
    public static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(10);

    // Optional so that silos hosting these grains without AddPlatformAlerts (other test projects) still keep inboxes.
    private readonly IPushProvider? _push = services.GetService<IPushProvider>();

    private readonly Dictionary<string, AlertConnection> _connections = new(StringComparer.Ordinal);

    private string? _userKey;

    // Parsed on first use rather than on activation, so that a malformed key fails the call with the parser's message.
    private string UserKey => _userKey ??= TenantKey.Parse(this.GetPrimaryKeyString()).ToString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await PlatformStreamProvider.Of(this).NotificationsOf(this.GetPrimaryKeyString()).SubscribeAsync((notification, _) => OnNotification(notification));

    public Task<AlertLease> Connect(string connectionId, IAlertObserver observer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(connectionId.Length, AlertTerms.MaxConnectionIdLength, nameof(connectionId));
        ArgumentNullException.ThrowIfNull(observer);
        _ = UserKey;
        var duration = options.Value.LeaseDuration;
        var expiresAt = time.GetUtcNow() + duration;
        _connections[connectionId] = new AlertConnection(observer, expiresAt);
        return Task.FromResult(new AlertLease(connectionId, expiresAt, state.State.LastSequence, duration));
    }

    public Task Disconnect(string connectionId)
    {
        _connections.Remove(connectionId);
        return Task.CompletedTask;
    }

    public Task<AlertCatchUp> Since(long sequence)
    {
        _ = UserKey;
        return Task.FromResult(AlertInbox.Since(state.State, sequence));
    }

    private async Task OnNotification(Notification notification)
    {
        if (notification.Recipient != UserKey)
        {
            AlertLog.ForeignNotificationIgnored(logger, notification.Id, notification.Recipient, UserKey);
            return;
        }

        if (AlertInbox.Accept(state.State, notification) is not { } accepted)
        {
            AlertLog.DuplicateDropped(logger, notification.Id, UserKey);
            return;
        }

        // Stored before anyone sees it: a client never holds a sequence the grain could hand out again after a crash. A
        // failed write throws, so the stream delivers the notification again, and the activation keeps the stored state.
        var current = state.State;
        state.State = accepted.Next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = current;
            throw;
        }

        await Deliver(accepted.Alert);
    }

    /// <summary>To every live connection at once; to the push outbox when none took it.</summary>
    private async Task Deliver(Alert alert)
    {
        var now = time.GetUtcNow();
        foreach (var (connectionId, connection) in _connections.Where(pair => !pair.Value.IsLive(now)).ToArray())
        {
            _connections.Remove(connectionId);
            AlertLog.LeaseExpired(logger, connectionId, UserKey, connection.ExpiresAt);
        }

        var live = _connections.ToArray();
        var taken = await Task.WhenAll(live.Select(pair => TryDeliver(pair.Key, pair.Value.Observer, alert)));
        for (var i = 0; i < live.Length; i++)
        {
            // No call interleaves with this one (the grain is not reentrant), so the entry is still the one tried.
            if (!taken[i])
            {
                _connections.Remove(live[i].Key);
            }
        }

        if (!taken.Any(delivered => delivered))
        {
            await Push(alert);
        }
    }

    private async Task<bool> TryDeliver(string connectionId, IAlertObserver observer, Alert alert)
    {
        var delivery = observer.Deliver(alert);
        try
        {
            // Real time, not the grain clock: this bounds how long a hung API instance holds up the user's alerts.
            await delivery.WaitAsync(AlertTerms.DeliveryTimeout);
            return true;
        }
        catch (TimeoutException)
        {
            // The call still completes or fails later; observe it so its failure is not reported as unobserved.
            _ = delivery.ContinueWith(static task => task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            AlertLog.DeliveryTimedOut(logger, connectionId, UserKey, alert.Sequence, AlertTerms.DeliveryTimeout);
            return false;
        }
        catch (Exception error)
        {
            // The API instance is gone (ClientNotAvailableException), or its connection refused the alert: either way
            // this connection no longer reaches the user.
            AlertLog.DeliveryFailed(logger, connectionId, UserKey, alert.Sequence, error);
            return false;
        }
    }

    private async Task Push(Alert alert)
    {
        if (_push is null)
        {
            AlertLog.NoPushProvider(logger, UserKey, alert.Sequence);
            return;
        }

        using var timeout = new CancellationTokenSource(PushTimeout);
        try
        {
            await _push.Push(UserKey, alert, timeout.Token);
        }
        catch (Exception error)
        {
            // Not retried: the alert is stored, and the client catches up with Since when it next connects.
            AlertLog.PushFailed(logger, UserKey, alert.Sequence, error);
        }
    }
}
