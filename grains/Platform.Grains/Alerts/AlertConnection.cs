namespace Platform.Grains.Alerts;

/// <summary>
/// A live connection as the user's alerts grain holds it in memory: never stored, since observers die with their API
/// instance. Serializable all the same, so that Orleans can copy it (e.g. when an activation migrates).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.alerts.AlertConnection")]
internal sealed record AlertConnection([property: Id(0)] IAlertObserver Observer, [property: Id(1)] DateTimeOffset ExpiresAt)
{
    public bool IsLive(DateTimeOffset now) => now < ExpiresAt;
}
