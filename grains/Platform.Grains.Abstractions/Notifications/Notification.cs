namespace Platform.Grains.Notifications;

/// <summary>
/// Something a person should be told, published on <see cref="Streams.PlatformStreams.NotificationsNamespace"/> keyed by
/// <see cref="Recipient"/> for the front end to deliver. Delivery is at least once: the same <see cref="Id"/> may arrive
/// more than once (a publisher retries after a failure), so receivers drop ids they have seen.
/// </summary>
/// <param name="Id">Unique per notification and the same on every retry of it: de-duplicate on it.</param>
/// <param name="Recipient">The recipient's key, "tenant/user-id" (freelancer and client ids are user ids of the tenant).</param>
/// <param name="Payload">
/// Keys of the grains involved and the job's own fields ("job", "freelancer", "title", "reason", ...); never a person's
/// name, e-mail or profile text, so that no stream retention holds personal profile data.
/// </param>
[GenerateSerializer]
[Immutable]
[Alias("platform.notifications.Notification")]
public sealed record Notification(
    [property: Id(0)] string Id,
    [property: Id(1)] string Recipient,
    [property: Id(2)] NotificationKind Kind,
    [property: Id(3)] IReadOnlyDictionary<string, string> Payload,
    [property: Id(4)] DateTimeOffset CreatedAt);
