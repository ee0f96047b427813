using Platform.Grains.Storage;

namespace Platform.Grains.Requests;

/// <inheritdoc cref="IRequestReplayGrain"/>
internal sealed class RequestReplayGrain(
    [PersistentState("request-replay")] IPersistentState<RequestReplayState> state,
    TimeProvider clock) : Grain, IRequestReplayGrain
{
    public async Task<ReplayDecision> Begin(string fingerprint, Guid attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        if (IsClaimedBy(attempt))
        {
            // This attempt's Begin, sent again because its answer was lost: the key is still its own.
            return new ReplayDecision(ReplayOutcome.Run, null);
        }

        var now = clock.GetUtcNow();
        var current = state.State;
        var expired = current.Fingerprint is null
            || (current.Response is null && now - current.At > RequestReplayRules.ClaimTimeout)
            || (current.Response is not null && now - current.At > RequestReplayRules.Retention);
        if (!expired)
        {
            if (current.Fingerprint != fingerprint)
            {
                return new ReplayDecision(ReplayOutcome.Mismatch, null);
            }

            return current.Response is { } answer
                ? new ReplayDecision(ReplayOutcome.Replay, answer)
                : new ReplayDecision(ReplayOutcome.InProgress, null);
        }

        // Kept in memory only once stored: a claim whose write failed (the database was down) must not hold the key in this
        // activation while no attempt knows it holds it.
        await state.SaveOrKeepAsync(new RequestReplayState { Fingerprint = fingerprint, Attempt = attempt, At = now });
        return new ReplayDecision(ReplayOutcome.Run, null);
    }

    public async Task Complete(Guid attempt, StoredResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (IsClaimedBy(attempt))
        {
            await state.SaveOrKeepAsync(new RequestReplayState
            {
                Fingerprint = state.State.Fingerprint,
                Attempt = attempt,
                Response = response,
                At = clock.GetUtcNow(),
            });
        }
    }

    public async Task Abandon(Guid attempt)
    {
        if (IsClaimedBy(attempt))
        {
            await state.ClearStateAsync();
            state.State = new RequestReplayState();
        }
    }

    /// <summary>Whether <paramref name="attempt"/> holds the key: it claimed it and has not answered or released it.</summary>
    private bool IsClaimedBy(Guid attempt) =>
        state.State is { Fingerprint: not null, Response: null } claim && claim.Attempt == attempt;
}
