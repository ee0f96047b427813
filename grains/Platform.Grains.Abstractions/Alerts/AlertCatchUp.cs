namespace Platform.Grains.Alerts;

/// <summary>What <see cref="IUserAlertsGrain.Since"/> answers a reconnecting client.</summary>
/// <param name="Alerts">The kept alerts after the client's sequence, in sequence order, each once.</param>
/// <param name="Truncated">
/// True when the client is further behind than the inbox keeps (<see cref="AlertTerms.InboxCapacity"/>): alerts between
/// its sequence and the first of <paramref name="Alerts"/> are gone. The client shows what it got and should reload
/// the state it displays (jobs, applications) instead of relying on alerts alone.
/// </param>
/// <param name="LastSequence">The user's latest sequence (0 before the first alert): where the client continues from.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.alerts.AlertCatchUp")]
public sealed record AlertCatchUp(
    [property: Id(0)] IReadOnlyList<Alert> Alerts,
    [property: Id(1)] bool Truncated,
    [property: Id(2)] long LastSequence);
