using Platform.Grains.Notifications;
using Platform.Grains.Streams;

namespace Platform.Grains.Tests.Support;

/// <summary>The test's publisher: the stream key is given apart from the recipient, so a test can also put a foreign notification on a stream.</summary>
internal sealed class AlertNotificationPublisherGrain : Grain, IAlertNotificationPublisherGrain
{
    public async Task Publish(string streamKey, Notification[] notifications)
    {
        var stream = PlatformStreamProvider.Of(this).NotificationsOf(streamKey);
        foreach (var notification in notifications)
        {
            await stream.OnNextAsync(notification);
        }
    }
}
