using Orleans.Concurrency;
using Platform.Grains.Jobs;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Freelancers;

/// <summary>
/// One freelancer, keyed "tenant/id": their profile, the jobs they appear in and their ratings. What a freelancer does
/// to a job (apply, accept an offer) goes through this grain, which remembers the job, so that an erasure finds every
/// job that shows the person. Jobs never call freelancers, so the two cannot wait on each other.
/// </summary>
/// <remarks>
/// Every method refuses a malformed key (<see cref="ArgumentException"/>) and a job key of another tenant
/// (<see cref="Tenancy.TenantMismatchException"/>). After <see cref="Erase"/> the grain is a tombstone: it keeps no
/// personal data and refuses every change.
/// </remarks>
[Alias("platform.freelancers.IFreelancerGrain")]
public interface IFreelancerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the profile (creating it on first use), re-embeds it and writes it to the matching index; returns it as
    /// stored. Verified certifications that are still claimed stay verified; ratings are kept.
    /// </summary>
    /// <exception cref="ArgumentException">A field is missing or out of range; the message names it and its value.</exception>
    /// <exception cref="InvalidOperationException">The freelancer was erased.</exception>
    [Idempotent]
    [Alias("UpdateProfile")]
    Task<FreelancerProfile> UpdateProfile(FreelancerProfileUpdate update);

    /// <returns>The profile, or null if the freelancer never created one or was erased.</returns>
    [ReadOnly]
    [Idempotent]
    [Alias("GetProfile")]
    Task<FreelancerProfile?> GetProfile();

    /// <summary>Marks a claimed certification as verified (by whoever checked it with its issuer); it then counts for matching.</summary>
    /// <exception cref="ArgumentException">The profile does not claim the certification.</exception>
    [Idempotent]
    [Alias("VerifyCertification")]
    Task<FreelancerProfile> VerifyCertification(string certification);

    /// <returns>Keys of the jobs whose offer the freelancer accepted, in that order.</returns>
    [ReadOnly]
    [Idempotent]
    [Alias("GetAssignedJobs")]
    Task<IReadOnlyList<string>> GetAssignedJobs();

    /// <returns>
    /// Keys of every job that may show the freelancer (applied, matching candidate, hired), in the order they first
    /// appeared: what an erasure visits, and what a data-access request (GDPR art. 15) lists.
    /// </returns>
    [ReadOnly]
    [Idempotent]
    [Alias("GetJobs")]
    Task<IReadOnlyList<string>> GetJobs();

    /// <summary>Applies to an open job of the same tenant with the profile's name and headline and a cover note.</summary>
    /// <exception cref="IllegalJobTransitionException">The job is not open.</exception>
    [Idempotent]
    [Alias("Apply")]
    Task<JobSnapshot> Apply(string jobKey, string coverNote);

    /// <summary>
    /// Accepts the offer the job's client made: the job is filled with this freelancer. One of the freelancer's
    /// availability windows must cover the whole shift.
    /// </summary>
    /// <exception cref="IllegalJobTransitionException">The job is not open (accepting again once hired returns the job unchanged).</exception>
    /// <exception cref="InvalidOperationException">There is no offer for this freelancer, or no availability covers the shift.</exception>
    [Idempotent]
    [Alias("AcceptOffer")]
    Task<JobSnapshot> AcceptOffer(string jobKey);

    /// <summary>
    /// Remembers that matching listed the freelancer as a candidate of the job (called by the matching subscriber before
    /// it records the candidates on the job).
    /// </summary>
    /// <returns>False when the freelancer has no profile or was erased: the candidate must then be dropped.</returns>
    [Idempotent]
    [Alias("NoteCandidacy")]
    Task<bool> NoteCandidacy(string jobKey);

    /// <summary>Adds the client's rating (1 to 5 stars) for a completed job this freelancer was hired for.</summary>
    /// <remarks>Rating the same job again with the same stars changes nothing; with other stars it is refused.</remarks>
    /// <exception cref="ArgumentException">Stars are not between 1 and 5.</exception>
    /// <exception cref="InvalidOperationException">The job is not completed, was done by someone else, or is rated already.</exception>
    [Idempotent]
    [Alias("AddRating")]
    Task<FreelancerProfile> AddRating(string jobKey, int stars);

    /// <summary>
    /// Erases the freelancer's personal data (GDPR art. 17): the stored state becomes a tombstone without personal data,
    /// the matching index row is removed, every job that lists the person shows their pseudonym instead, an
    /// <c>audit.freelancer-erased</c> event is appended to the event journal and an
    /// <see cref="Notifications.NotificationKind.ErasureCompleted"/> notification is published. Safe to call again: a
    /// call that failed half way finishes the work; a completed erasure returns its receipt.
    /// </summary>
    /// <exception cref="ArgumentException">The requester id is malformed or the reason repeats the data being erased.</exception>
    [Idempotent]
    [Alias("Erase")]
    Task<ErasureReceipt> Erase(ErasureRequest request);
}
