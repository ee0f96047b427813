namespace Platform.Grains.Alerts;

/// <summary>The numbers the alert grains and the front end's connection code agree on.</summary>
public static class AlertTerms
{
    /// <summary>
    /// How long a connection counts as live after its last <see cref="IUserAlertsGrain.Connect"/>. Three renewal
    /// intervals, so one or two lost renewals (a slow API instance, a grain re-activating) do not drop a live connection,
    /// while a dead API instance's connections stop receiving within this bound even if nothing else notices.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(90);

    /// <summary>How often the front end calls <see cref="IUserAlertsGrain.Connect"/> again for each live connection.</summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromSeconds(30);

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
