namespace Platform.Grains.Requests;

/// <summary>
/// The first answer to a request that carried an idempotency key, keyed "tenant/user-id/idempotency-key": whichever API
/// instance receives a retry of the request answers it from here, without doing it again.
/// </summary>
/// <remarks>
/// Calls are taken one at a time, so two copies of a request racing on two instances cannot both start: the second one
/// sees <see cref="ReplayDecision.InProgress"/>. Answers are kept for <see cref="RequestReplayRules.Retention"/>.
/// </remarks>
[Alias("platform.requests.IRequestReplayGrain")]
public interface IRequestReplayGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for a request with <paramref name="fingerprint"/> (a hash of what it asks), or says why not.</summary>
    [Alias("Begin")]
    Task<ReplayDecision> Begin(string fingerprint);

    /// <summary>Keeps the answer of the request that claimed the key.</summary>
    [Alias("Complete")]
    Task Complete(string fingerprint, StoredResponse response);

    /// <summary>Releases the key after the request failed without an answer worth keeping (a 5xx): a retry may run it.</summary>
    [Alias("Abandon")]
    Task Abandon(string fingerprint);
}
