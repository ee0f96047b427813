using Orleans.Concurrency;
using Platform.Grains.Matching;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Jobs;

/// <summary>
/// One job posting, keyed "tenant/id", as an explicit state machine (docs/domain.md has the table of allowed
/// actions). Every change is written to storage before the call returns, so an acknowledged change survives
/// deactivation (and, on PostgreSQL, silo restarts); the notifications it causes are published after the write.
/// </summary>
/// <remarks>
/// An action the current state does not allow fails with <see cref="IllegalJobTransitionException"/> naming the state and
/// the action. Every key passed in must be of the job's tenant (<see cref="Tenancy.TenantMismatchException"/>). A job
/// never calls a freelancer grain: freelancers call jobs, so the two never wait on each other. The aliases keep stored
/// references and in-flight calls valid when the interface or a method is renamed.
/// </remarks>
[Alias("platform.jobs.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Creates the job as a Draft, or replaces the draft while it is one.</summary>
    /// <exception cref="ArgumentException">The draft is incomplete or inconsistent; the message names the field and its value.</exception>
    [Idempotent]
    [Alias("SaveDraft")]
    Task<JobSnapshot> SaveDraft(JobDraft draft);

    /// <summary>
    /// Creates the job from <paramref name="draft"/>, and publishes it when <paramref name="publish"/> says so, unless the
    /// job exists: then this is the request that created it, run again (the API names a job after the request that posts
    /// it), and it gets the job as it is, published if it asked for that and its first run stopped before publishing.
    /// </summary>
    /// <exception cref="ArgumentException">The draft is incomplete or inconsistent; the message names the field and its value.</exception>
    [Idempotent]
    [Alias("Create")]
    Task<JobSnapshot> Create(JobDraft draft, bool publish);

    /// <summary>Draft -> Open; publishes <see cref="JobCreated"/> so that matching records candidates.</summary>
    /// <exception cref="InvalidOperationException">The shift has already started.</exception>
    [Alias("Publish")]
    Task<JobSnapshot> Publish();

    /// <returns>The job, or null if it has no draft.</returns>
    [ReadOnly]
    [Idempotent]
    [Alias("Get")]
    Task<JobSnapshot?> Get();

    /// <summary>
    /// Records an application on an Open job and tells the client. Called by <see cref="Freelancers.IFreelancerGrain.Apply"/>,
    /// which remembers the job for a later erasure; front ends call that. Applying again changes nothing.
    /// </summary>
    [Idempotent]
    [Alias("ReceiveApplication")]
    Task<JobSnapshot> ReceiveApplication(JobApplication application);

    /// <summary>
    /// Replaces the candidate list of an Open job with matching's ranking (ids of the job's tenant), skipping erased
    /// freelancers. Called by the matching subscriber.
    /// </summary>
    [Idempotent]
    [Alias("RecordCandidates")]
    Task<JobSnapshot> RecordCandidates(IReadOnlyList<MatchCandidate> candidates);

    /// <summary>The client offers the Open job to an applicant or candidate at a wage inside the job's window; tells the freelancer.</summary>
    /// <exception cref="InvalidOperationException">The freelancer neither applied nor is a candidate, or was erased.</exception>
    [Idempotent]
    [Alias("MakeOffer")]
    Task<JobSnapshot> MakeOffer(string freelancerKey, decimal hourlyWage);

    /// <summary>
    /// Open -> Filled: the freelancer accepts their offer. Called by <see cref="Freelancers.IFreelancerGrain.AcceptOffer"/>.
    /// The hired freelancer accepting again gets the job unchanged.
    /// </summary>
    [Idempotent]
    [Alias("AcceptOffer")]
    Task<JobSnapshot> AcceptOffer(string freelancerKey);

    /// <summary>Filled -> InProgress: the shift has begun.</summary>
    [Alias("Start")]
    Task<JobSnapshot> Start();

    /// <summary>InProgress -> Completed.</summary>
    [Alias("Complete")]
    Task<JobSnapshot> Complete();

    /// <summary>Draft, Open, Filled or InProgress -> Cancelled, by the client; tells the hired freelancer, applicants and those with an offer.</summary>
    [Alias("Cancel")]
    Task<JobSnapshot> Cancel(string reason);

    /// <summary>
    /// Cancels the shift of a Filled or InProgress job. The hired freelancer cancelling before the shift starts re-opens
    /// the job (Filled -> Open, offers void); any other cancellation cancels the job. Tells the other side.
    /// </summary>
    [Alias("CancelShift")]
    Task<JobSnapshot> CancelShift(ShiftCancellation cancellation);

    /// <summary>
    /// Replaces the freelancer's entries in the application and candidate lists by their pseudonym (GDPR erasure) and
    /// refuses them from now on; the hire and offers stay (financial references). Allowed in every state.
    /// </summary>
    /// <returns>Whether the job listed the freelancer.</returns>
    [Idempotent]
    [Alias("ErasePerson")]
    Task<bool> ErasePerson(string freelancerKey);
}
