namespace Platform.Grains.Requests;

/// <inheritdoc cref="IRequestReplayGrain"/>
internal sealed class RequestReplayGrain(
    [PersistentState("request-replay")] IPersistentState<RequestReplayState> state,
    TimeProvider clock) : Grain, IRequestReplayGrain
{
    public async Task<ReplayDecision> Begin(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
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

        state.State = new RequestReplayState { Fingerprint = fingerprint, At = now };
        await state.WriteStateAsync();
        return new ReplayDecision(ReplayOutcome.Run, null);
    }

    public async Task Complete(string fingerprint, StoredResponse response)
    {
        if (state.State.Fingerprint != fingerprint)
        {
            throw new InvalidOperationException("The idempotency key is not claimed by this request.");
        }

        state.State.Response = response;
        state.State.At = clock.GetUtcNow();
        await state.WriteStateAsync();
    }

    public async Task Abandon(string fingerprint)
    {
        if (state.State.Fingerprint == fingerprint && state.State.Response is null)
        {
            await state.ClearStateAsync();
            state.State = new RequestReplayState();
        }
    }
}
