namespace Platform.Grains.Alerts;

/// <summary>The numbers the alert grains and the front end's connection code agree on.</summary>
public static class AlertTerms
{
    /// <summary>
    /// How long one delivery to a connection may take before the connection is dropped as dead (real time). Live
    /// connections answer in milliseconds; a hung API instance would otherwise hold up the user's alerts until Orleans'
    /// response timeout (30 s), far past the one second the front end promises.
    /// </summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many of a user's latest alerts are kept for catch-up, and the window in which repeated notification ids are
    /// recognised. Repeats come from a job re-publishing its outbox (next change or activation) or from stream
    /// redelivery, both long before a person gets another thousand alerts; a client further behind gets
    /// <see cref="AlertCatchUp.Truncated"/>. About 300 bytes an alert: a few hundred KB of grain state at most.
    /// </summary>
    public const int InboxCapacity = 1000;

    /// <summary>The longest connection id accepted (SignalR's are 22 characters).</summary>
    public const int MaxConnectionIdLength = 128;
}
