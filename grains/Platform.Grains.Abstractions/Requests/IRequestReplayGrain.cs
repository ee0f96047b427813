using Platform.Orleans.Resilience;

namespace Platform.Grains.Requests;

/// <summary>
/// The first answer to a request that carried an idempotency key, keyed "tenant/user-id/idempotency-key": whichever API
/// instance receives a retry of the request answers it from here, without doing it again.
/// </summary>
/// <remarks>
/// Calls are taken one at a time, so two copies of a request racing on two instances cannot both start: the second one
/// sees <see cref="ReplayOutcome.InProgress"/>. Each attempt at a request names itself with an id of its own, so that
/// what one attempt settles (its answer, the release of its claim) never touches another's claim, and each call is safe
/// to send again. Answers are kept for <see cref="RequestReplayRules.Retention"/>.
/// </remarks>
[Alias("platform.requests.IRequestReplayGrain")]
public interface IRequestReplayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the key for <paramref name="attempt"/> of a request with <paramref name="fingerprint"/> (a hash of what it
    /// asks), or says why not. The attempt's own claim, sent again, is <see cref="ReplayOutcome.Run"/> again.
    /// </summary>
    [Idempotent]
    [Alias("BeginAttempt")]
    Task<ReplayDecision> Begin(string fingerprint, Guid attempt);

    /// <summary>Keeps the answer of <paramref name="attempt"/> while it holds the key's claim; changes nothing otherwise.</summary>
    [Idempotent]
    [Alias("CompleteAttempt")]
    Task Complete(Guid attempt, StoredResponse response);

    /// <summary>
    /// Releases the key if <paramref name="attempt"/> holds its claim (the attempt failed without an answer worth keeping,
    /// a 5xx, or could not learn whether it claimed the key), so that a retry may run; changes nothing otherwise.
    /// </summary>
    [Idempotent]
    [Alias("AbandonAttempt")]
    Task Abandon(Guid attempt);
}
