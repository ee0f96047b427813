using Orleans.Streams;
using Platform.Grains.Jobs;
using Platform.Grains.Notifications;

namespace Platform.Grains.Streams;

/// <summary>The platform's streams as the grains address them (namespaces and keys: <see cref="PlatformStreams"/>).</summary>
internal static class PlatformStreamProvider
{
    public static IStreamProvider Of(Grain grain) => grain.GetStreamProvider(PlatformStreams.ProviderName);

    public static IAsyncStream<JobCreated> JobsCreated(this IStreamProvider provider, string tenantId) =>
        provider.GetStream<JobCreated>(StreamId.Create(PlatformStreams.JobsCreatedNamespace, tenantId));

    public static IAsyncStream<Notification> NotificationsOf(this IStreamProvider provider, string recipient) =>
        provider.GetStream<Notification>(StreamId.Create(PlatformStreams.NotificationsNamespace, recipient));
}
