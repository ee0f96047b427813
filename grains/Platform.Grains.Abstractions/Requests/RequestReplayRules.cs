namespace Platform.Grains.Requests;

/// <summary>How long answers are kept, and how long an unfinished claim blocks its key.</summary>
public static class RequestReplayRules
{
    /// <summary>Clients retry within minutes; a day covers a phone that was offline overnight.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// A claim whose attempt never settled it (its API instance died mid-request, or could not reach the replay grain for
    /// this long) stops blocking the key after this long: longer than any request may run (the API's grain call deadline
    /// is seconds).
    /// </summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);
}
