using Orleans.Runtime.Placement.Filtering;
using Orleans.Storage;
using Platform.Orleans.Supervision;

namespace Platform.Grains.Freelancers;

// Type and state name fixed for the same reasons as JobGrain's.
[GrainType("freelancer")]
[PreferredMatchSiloMetadataPlacementFilter([ZonePlacement.MetadataKey], ZonePlacement.MinimumCandidates)]
// A stale ETag restarts the activation, as for JobGrain.
[OnFailure(typeof(InconsistentStateException), SupervisionDirective.Restart)]
internal sealed class FreelancerGrain([PersistentState("freelancer")] IPersistentState<FreelancerState> state, TimeProvider time)
    : Grain, IFreelancerGrain
{
    public async Task<FreelancerProfile> UpdateProfile(FreelancerProfileUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var displayName = update.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName))
        {
            throw new ArgumentException("Freelancer display name must not be empty.");
        }

        if (update.Skills is null || update.Skills.Count == 0)
        {
            throw new ArgumentException("A freelancer profile must list at least one skill.");
        }

        var skills = TextList.Normalize(update.Skills, "Skill");
        var certifications = TextList.Normalize(update.Certifications, "Certification");
        if (update.HourlyRate <= 0)
        {
            throw new ArgumentException($"Hourly rate must be greater than 0; it is {update.HourlyRate}.");
        }

        // Written as "not within" so that NaN, which fails every comparison, is refused too.
        if (!(update.Latitude >= -90 && update.Latitude <= 90))
        {
            throw new ArgumentException($"Latitude must be between -90 and 90; it is {update.Latitude}.");
        }

        if (!(update.Longitude >= -180 && update.Longitude <= 180))
        {
            throw new ArgumentException($"Longitude must be between -180 and 180; it is {update.Longitude}.");
        }

        var profile = new FreelancerProfile(
            this.GetPrimaryKeyString(),
            displayName,
            skills,
            certifications,
            update.HourlyRate,
            update.Latitude,
            update.Longitude,
            update.IsAvailable,
            time.GetUtcNow());
        await Save(state.State with { Profile = profile });
        return Copy(profile);
    }

    public Task<FreelancerProfile?> GetProfile() =>
        Task.FromResult(state.State.Profile is { } profile ? Copy(profile) : null);

    public Task<IReadOnlyList<string>> GetAssignedJobs() => Task.FromResult<IReadOnlyList<string>>(state.State.AssignedJobIds.ToArray());

    public async Task AddAssignedJob(string jobId)
    {
        if (string.IsNullOrWhiteSpace(jobId))
        {
            throw new ArgumentException("A job id is required to assign a job.");
        }

        // A job grain retries after a failed write of its own, so an assignment already recorded is acknowledged
        // again rather than refused, even if the freelancer has become unavailable since.
        if (state.State.AssignedJobIds.Contains(jobId, StringComparer.Ordinal))
        {
            return;
        }

        var freelancerId = this.GetPrimaryKeyString();
        if (state.State.Profile is not { } profile)
        {
            throw new InvalidOperationException($"Cannot assign job '{jobId}' to freelancer '{freelancerId}': the freelancer has no profile.");
        }

        if (!profile.IsAvailable)
        {
            throw new InvalidOperationException($"Cannot assign job '{jobId}' to freelancer '{freelancerId}': the freelancer is not available.");
        }

        await Save(state.State with { AssignedJobIds = state.State.AssignedJobIds.Append(jobId).ToArray() });
    }

    /// <summary>Replaces the state only once storage has accepted it; see JobGrain.Save.</summary>
    private async Task Save(FreelancerState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    // The records are [Immutable] and pass by reference within a silo; copies keep callers out of the stored lists.
    private static FreelancerProfile Copy(FreelancerProfile profile) =>
        profile with { Skills = profile.Skills.ToArray(), Certifications = profile.Certifications.ToArray() };
}
