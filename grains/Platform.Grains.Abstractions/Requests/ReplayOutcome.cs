namespace Platform.Grains.Requests;

[GenerateSerializer]
[Alias("platform.requests.ReplayOutcome")]
public enum ReplayOutcome
{
    /// <summary>The key is new (or was abandoned): run the request.</summary>
    Run = 0,

    /// <summary>The same request was answered before: send that answer again.</summary>
    Replay = 1,

    /// <summary>The key was used for a different request: refuse (409).</summary>
    Mismatch = 2,

    /// <summary>The same request is running now on some instance: refuse (409), the caller retries later.</summary>
    InProgress = 3,
}
