namespace Platform.Grains.Alerts;

/// <summary>
/// The stored form of one user's alerts (state name "alerts"). Immutable, so that a new alert builds the next state beside
/// the current one and replaces it only once storage accepted it. Field ids are the stored format: add, never reuse.
/// </summary>
[GenerateSerializer]
[Alias("platform.alerts.UserAlertsState")]
internal sealed record UserAlertsState
{
    /// <summary>The sequence of the latest alert; kept apart from the inbox so that trimming never reuses a number.</summary>
    [Id(0)]
    public long LastSequence { get; init; }

    /// <summary>The latest <see cref="AlertTerms.InboxCapacity"/> alerts, oldest first; also the window of known notification ids.</summary>
    [Id(1)]
    public IReadOnlyList<Alert> Inbox { get; init; } = [];
}
