using Platform.Grains.Jobs;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>
/// The job state machine, table-driven: every (state, action) pair is tried. The tables here are the specification
/// (docs/domain.md), written out independently of the grain's own table, so a change to either fails these tests.
/// </summary>
[Collection(MarketplaceCollection.Name)]
public sealed class JobStateMachineTests(MarketplaceCluster cluster)
{
    /// <summary>Where each action is allowed, as the refusal message says it.</summary>
    private static readonly Dictionary<JobAction, string> AllowedFrom = new()
    {
        [JobAction.SaveDraft] = "only from Draft",
        [JobAction.Publish] = "only from Draft",
        [JobAction.Apply] = "only from Open",
        [JobAction.RecordCandidates] = "only from Open",
        [JobAction.MakeOffer] = "only from Open",
        [JobAction.AcceptOffer] = "only from Open",
        [JobAction.Start] = "only from Filled",
        [JobAction.Complete] = "only from InProgress",
        [JobAction.Cancel] = "only from Draft, Open, Filled or InProgress",
        [JobAction.CancelShift] = "only from Filled or InProgress",
    };

    /// <summary>The status each allowed action leaves the job in (the client cancels shifts here).</summary>
    private static readonly Dictionary<JobAction, JobStatus> Next = new()
    {
        [JobAction.SaveDraft] = JobStatus.Draft,
        [JobAction.Publish] = JobStatus.Open,
        [JobAction.Apply] = JobStatus.Open,
        [JobAction.RecordCandidates] = JobStatus.Open,
        [JobAction.MakeOffer] = JobStatus.Open,
        [JobAction.AcceptOffer] = JobStatus.Filled,
        [JobAction.Start] = JobStatus.InProgress,
        [JobAction.Complete] = JobStatus.Completed,
        [JobAction.Cancel] = JobStatus.Cancelled,
        [JobAction.CancelShift] = JobStatus.Cancelled,
    };

    private readonly Marketplace _market = new(cluster);

    /// <summary>Every state a job can be in; null is a job without a draft.</summary>
    private static JobStatus?[] States => [null, .. Enum.GetValues<JobStatus>().Cast<JobStatus?>()];

    public static TheoryData<JobStatus?, JobAction> IllegalPairs() => Pairs(allowed: false);

    public static TheoryData<JobStatus?, JobAction> LegalPairs() => Pairs(allowed: true);

    [Fact]
    public void Every_state_and_action_is_covered()
    {
        (IllegalPairs().Count + LegalPairs().Count).ShouldBe(States.Length * Enum.GetValues<JobAction>().Length);
        LegalPairs().Count.ShouldBe(15);
    }

    [Theory]
    [MemberData(nameof(IllegalPairs))]
    public async Task An_action_the_state_does_not_allow_is_refused_naming_the_state_and_the_action(JobStatus? status, JobAction action)
    {
        var (job, freelancer) = await JobInAsync(status);
        var before = await job.Get();

        var error = await Should.ThrowAsync<IllegalJobTransitionException>(Attempt(job, action, freelancer));

        var state = status is { } current ? $"it is {current}" : "it has no draft yet";
        error.Message.ShouldBe($"Cannot {action} job '{job.GetPrimaryKeyString()}': {state}; {action} is allowed {AllowedFrom[action]}.");
        error.CurrentStatus.ShouldBe(status);
        error.Action.ShouldBe(action);
        if (before is null)
        {
            (await job.Get()).ShouldBeNull("a refused action changes nothing");
        }
        else
        {
            (await job.Get()).ShouldBeSameJob(before);
        }
    }

    [Theory]
    [MemberData(nameof(LegalPairs))]
    public async Task An_action_the_state_allows_moves_the_job_as_the_table_says(JobStatus? status, JobAction action)
    {
        var (job, freelancer) = await JobInAsync(status);

        await Attempt(job, action, freelancer)();

        (await job.Get())!.Status.ShouldBe(Next[action]);
    }

    private static TheoryData<JobStatus?, JobAction> Pairs(bool allowed)
    {
        var data = new TheoryData<JobStatus?, JobAction>();
        foreach (var status in States)
        {
            foreach (var action in Enum.GetValues<JobAction>())
            {
                var isAllowed = status is { } current
                    ? AllowedFrom[action].Contains(current.ToString(), StringComparison.Ordinal)
                    : action == JobAction.SaveDraft;
                if (isAllowed == allowed)
                {
                    data.Add(status, action);
                }
            }
        }

        return data;
    }

    private async Task<(IJobGrain Job, string FreelancerKey)> JobInAsync(JobStatus? status)
    {
        if (status is not { } current)
        {
            return (_market.Job(_market.NewKey("no-draft")), _market.NewKey("f"));
        }

        var (job, freelancer) = await _market.JobInAsync(current);
        return (job, freelancer.GetPrimaryKeyString());
    }

    /// <summary>The action with arguments that are valid whenever the state allows it.</summary>
    /// <param name="freelancerKey">Matching's candidate while the job is Open, the hired freelancer from Filled on.</param>
    private Func<Task> Attempt(IJobGrain job, JobAction action, string freelancerKey) => action switch
    {
        JobAction.SaveDraft => () => job.SaveDraft(Samples.Draft(cluster.Now)),
        JobAction.Publish => job.Publish,
        JobAction.Apply => () => job.ReceiveApplication(new JobApplication(_market.NewKey("grace"), "Grace Hopper", "Compiler pioneer", "")),
        JobAction.RecordCandidates => () => job.RecordCandidates([]),
        JobAction.MakeOffer => () => job.MakeOffer(freelancerKey, 20m),
        JobAction.AcceptOffer => async () =>
        {
            var newcomer = _market.NewKey("newcomer");
            if ((await job.Get())?.Status == JobStatus.Open)
            {
                await job.ReceiveApplication(new JobApplication(newcomer, "Grace Hopper", "Compiler pioneer", ""));
                await job.MakeOffer(newcomer, 20m);
            }

            await job.AcceptOffer(newcomer);
        },
        JobAction.Start => job.Start,
        JobAction.Complete => job.Complete,
        JobAction.Cancel => () => job.Cancel("changed my mind"),
        JobAction.CancelShift => () => job.CancelShift(new ShiftCancellation(ShiftParty.Client, null, "changed my mind")),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
