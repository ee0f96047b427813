namespace Platform.Grains.Streams;

/// <summary>
/// The Orleans stream provider and stream namespaces the marketplace publishes on. The provider behind the name is
/// chosen by configuration (memory streams embedded, Azure Event Hubs in production: <c>AddPlatformStreams</c>).
/// </summary>
public static class PlatformStreams
{
    /// <summary>The name of the stream provider every platform stream lives in.</summary>
    public const string ProviderName = "platform";

    /// <summary>
    /// <see cref="Jobs.JobCreated"/> events, one stream per tenant (the stream key is the tenant id), so that a tenant's
    /// subscriber only ever sees that tenant's jobs.
    /// </summary>
    public const string JobsCreatedNamespace = "platform.jobs.created";

    /// <summary><see cref="Notifications.Notification"/>s, one stream per recipient (the stream key is the recipient's "tenant/user-id").</summary>
    public const string NotificationsNamespace = "platform.notifications";
}
