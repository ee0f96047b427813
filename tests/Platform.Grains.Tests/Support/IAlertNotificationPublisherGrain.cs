using Platform.Grains.Notifications;

namespace Platform.Grains.Tests.Support;

/// <summary>Publishes a notification on its recipient's stream from inside the silo, as the marketplace grains do: repeats included.</summary>
public interface IAlertNotificationPublisherGrain : IGrainWithIntegerKey
{
    /// <summary>Publishes each of <paramref name="notifications"/>, in order, on the stream of <paramref name="streamKey"/>.</summary>
    Task Publish(string streamKey, Notification[] notifications);
}
