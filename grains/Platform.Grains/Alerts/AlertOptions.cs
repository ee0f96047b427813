namespace Platform.Grains.Alerts;

/// <summary>
/// How long a front-end connection stays registered without news from its API instance (section <c>Alerts</c>). The
/// lease is the detection time of a dead API instance: its sessions disconnect within
/// <see cref="LeaseDuration"/> plus one <see cref="ExpiryCheckInterval"/> of its last renewal, and the user's alerts go to
/// the push outbox from then on. API instances renew each connection after a third of the lease it was granted, so the
/// lease is set here, on the silos, alone.
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    public static readonly TimeSpan MinimumLeaseDuration = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan MaximumLeaseDuration = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan MinimumExpiryCheckInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// 30 s: three renewals of 10 s, so one or two lost renewals (a slow API instance, a grain re-activating) do not drop a
    /// live connection, at two grain calls per connection every 10 s (20,000 calls/s for 100,000 connections).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an open session grain looks for its heartbeat; at most half the lease.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
