using Platform.Grains.Requests;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>The idempotency keys' claims: each attempt settles only its own, and a claim storage refused holds nothing.</summary>
[Collection(MarketplaceCollection.Name)]
public sealed class RequestReplayGrainTests(MarketplaceCluster cluster)
{
    private const string Fingerprint = "POST /api/jobs";

    private static readonly StoredResponse Created = new(201, "{}", "/api/jobs/job-1");

    private IRequestReplayGrain NewKey() => cluster.Grains.GetGrain<IRequestReplayGrain>(MarketplaceCluster.NewKey("user") + "/key-1");

    [Fact]
    public async Task A_claim_whose_write_failed_does_not_hold_the_key_once_storage_is_back()
    {
        var replay = NewKey();
        cluster.FailingStorage.FailWritesOf(replay.GetGrainId());

        await Should.ThrowAsync<OrleansException>(() => replay.Begin(Fingerprint, Guid.NewGuid()));
        cluster.FailingStorage.HealWritesOf(replay.GetGrainId());

        (await replay.Begin(Fingerprint, Guid.NewGuid())).Outcome.ShouldBe(ReplayOutcome.Run, "no attempt holds the key: a retry must not wait for the claim to time out");
    }

    [Fact]
    public async Task Each_attempt_settles_only_its_own_claim()
    {
        var replay = NewKey();
        var (first, stale, retry) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        (await replay.Begin(Fingerprint, first)).Outcome.ShouldBe(ReplayOutcome.Run);

        await replay.Abandon(stale);
        await replay.Complete(stale, Created);
        (await replay.Begin(Fingerprint, retry)).Outcome.ShouldBe(ReplayOutcome.InProgress, "another attempt's settlement changed nothing");

        await replay.Abandon(first);
        (await replay.Begin(Fingerprint, retry)).Outcome.ShouldBe(ReplayOutcome.Run);
        await replay.Abandon(first);
        (await replay.Begin(Fingerprint, Guid.NewGuid())).Outcome.ShouldBe(ReplayOutcome.InProgress, "the first attempt's release, sent again, leaves the retry's claim");

        await replay.Complete(retry, Created);
        await replay.Complete(retry, Created);
        var replayed = await replay.Begin(Fingerprint, Guid.NewGuid());
        replayed.Outcome.ShouldBe(ReplayOutcome.Replay);
        replayed.Response.ShouldBe(Created);
    }

    [Fact]
    public async Task An_attempt_s_begin_sent_again_still_runs()
    {
        var replay = NewKey();
        var attempt = Guid.NewGuid();

        (await replay.Begin(Fingerprint, attempt)).Outcome.ShouldBe(ReplayOutcome.Run);
        (await replay.Begin(Fingerprint, attempt)).Outcome.ShouldBe(ReplayOutcome.Run);
    }
}
