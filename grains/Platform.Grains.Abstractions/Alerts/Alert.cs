using Platform.Grains.Notifications;

namespace Platform.Grains.Alerts;

/// <summary>
/// A <see cref="Notification"/> as one user's front ends see it: numbered in the order the user's
/// <see cref="IUserAlertsGrain"/> accepted it, so a client that keeps the highest <see cref="Sequence"/> it has shown can
/// ask for what it missed (<see cref="IUserAlertsGrain.Since"/>) and drop anything at or below it (nothing twice).
/// </summary>
/// <param name="Sequence">1, 2, 3, ... per user, without gaps; never reused, not even after the inbox dropped old alerts.</param>
/// <param name="NotificationId">The <see cref="Notification.Id"/> it came from: one alert per id.</param>
/// <param name="Payload">The notification's payload as published (keys and the job's own fields, no profile data).</param>
/// <param name="CreatedAt">When the change that caused it happened (the notification's time, not the alert's).</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.alerts.Alert")]
public sealed record Alert(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string NotificationId,
    [property: Id(2)] NotificationKind Kind,
    [property: Id(3)] IReadOnlyDictionary<string, string> Payload,
    [property: Id(4)] DateTimeOffset CreatedAt);
