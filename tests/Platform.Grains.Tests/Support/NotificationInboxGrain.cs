using Orleans.Streams;
using Platform.Grains.Notifications;
using Platform.Grains.Streams;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// Subscribes to the notification stream of its key (the recipient) the way the front end's subscriber will, and hands
/// every notification to the silo's <see cref="NotificationInbox"/>.
/// </summary>
[ImplicitStreamSubscription(PlatformStreams.NotificationsNamespace)]
internal sealed class NotificationInboxGrain(NotificationInbox inbox) : Grain, INotificationInboxGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.GetStreamProvider(PlatformStreams.ProviderName)
            .GetStream<Notification>(StreamId.Create(PlatformStreams.NotificationsNamespace, this.GetPrimaryKeyString()))
            .SubscribeAsync((notification, _) =>
            {
                inbox.Add(notification);
                return Task.CompletedTask;
            });
}
