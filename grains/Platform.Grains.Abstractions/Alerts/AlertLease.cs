namespace Platform.Grains.Alerts;

/// <summary>A live connection's registration with <see cref="IUserAlertsGrain"/>, as <see cref="IUserAlertsGrain.Connect"/> grants it.</summary>
/// <param name="ExpiresAt">
/// On the grains' clock. Unless <see cref="IUserAlertsGrain.Connect"/> is called again for the connection before then,
/// the connection counts as gone and alerts go to the push outbox.
/// </param>
/// <param name="LastSequence">
/// The user's latest alert sequence when the lease was granted. A connection whose client has seen less missed alerts
/// (they went to the push outbox, e.g. while the user's grain was re-activated): it calls
/// <see cref="IUserAlertsGrain.Since"/>.
/// </param>
/// <param name="Duration">
/// How long the lease lasts from its grant: the silos' configured lease. The front end renews after a third of it, so
/// the silos alone decide how fast a dead API instance is detected.
/// </param>
[GenerateSerializer]
[Immutable]
[Alias("platform.alerts.AlertLease")]
public sealed record AlertLease(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] long LastSequence,
    [property: Id(3)] TimeSpan Duration);
