namespace Platform.Grains.Alerts;

/// <summary>A live connection as the user's alerts grain holds it in memory: never stored, since observers die with their API instance.</summary>
internal sealed record AlertConnection(IAlertObserver Observer, DateTimeOffset ExpiresAt)
{
    public bool IsLive(DateTimeOffset now) => now < ExpiresAt;
}
