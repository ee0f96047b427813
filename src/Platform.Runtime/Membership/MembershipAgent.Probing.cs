namespace Platform.Runtime.Membership;

/// <summary>Rule A: probing the next silos on the ring and voting those that miss too many probes dead.</summary>
public sealed partial class MembershipAgent
{
    /// <summary>
    /// The transport's hint that its connection to <paramref name="silo"/> died: counts as one missed probe at once, so
    /// a silo killed outright is suspected a probe period sooner. Ignored for silos this silo does not probe.
    /// </summary>
    public void ReportUnreachable(SiloAddress silo)
    {
        var misses = _probes.Missed(silo);
        if (misses > 0)
        {
            MembershipLog.ReportedUnreachable(_logger, silo, misses);
        }
    }

    private async Task ProbeTargetsAsync(CancellationToken stopping)
    {
        var targets = SiloRing.ProbeTargets(CurrentView, _self, _options.MaxProbedSilos);
        var answers = await Task.WhenAll(targets.Select(target => ProbeAsync(target, stopping))).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        var suspects = new List<SiloAddress>();
        for (var index = 0; index < targets.Count; index++)
        {
            var target = targets[index];
            if (answers[index])
            {
                _probes.Answered(target, now);
                continue;
            }

            var misses = _probes.Missed(target);
            MembershipLog.ProbeMissed(_logger, target, misses);
            if (misses == _options.MissedProbesLimit)
            {
                MembershipLog.Suspected(_logger, target, misses);
            }

            if (misses >= _options.MissedProbesLimit)
            {
                suspects.Add(target);
            }
        }

        foreach (var suspect in suspects)
        {
            await VoteAsync(suspect, stopping).ConfigureAwait(false);
        }
    }

    private async Task<bool> ProbeAsync(SiloAddress target, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, _time);
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        try
        {
            // WaitAsync: a prober that ignores its token still counts as missed at the timeout.
            return await _prober.ProbeAsync(target, probe.Token).WaitAsync(probe.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!stopping.IsCancellationRequested)
        {
            // Refused, reset, timed out: to the failure detector all of them mean "did not answer in time".
            return false;
        }
    }

    /// <summary>Adds or renews this silo's vote against <paramref name="suspect"/>, declaring it dead if the votes suffice.</summary>
    private async Task VoteAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        SuspicionVote? vote = null;
        var written = await ChangeAsync(
            snapshot => (vote = SuspicionVote.Decide(snapshot, suspect, _self, _time.GetUtcNow(), _options))?.Row,
            ConflictRetries,
            cancellationToken).ConfigureAwait(false);
        if (written is null || vote is null)
        {
            return;
        }

        if (!vote.DeclaresDead)
        {
            MembershipLog.Voted(_logger, suspect, vote.Votes, vote.Required);
            return;
        }

        MembershipLog.DeclaredDead(_logger, suspect, vote.Votes, string.Join(", ", vote.Row.SuspectVotes.Select(v => v.Voter)));
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }
}
