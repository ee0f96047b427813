namespace Platform.Grains.Requests;

/// <summary>What <see cref="IRequestReplayGrain.Begin"/> decided.</summary>
/// <param name="Outcome">Whether to run the request, answer from <paramref name="Response"/>, or refuse it.</param>
/// <param name="Response">The first answer, for <see cref="ReplayOutcome.Replay"/>.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.requests.ReplayDecision")]
public sealed record ReplayDecision([property: Id(0)] ReplayOutcome Outcome, [property: Id(1)] StoredResponse? Response);
