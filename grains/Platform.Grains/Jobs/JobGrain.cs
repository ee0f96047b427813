using Orleans.Runtime.Placement.Filtering;
using Orleans.Storage;
using Platform.Grains.Freelancers;
using Platform.Orleans.Supervision;

namespace Platform.Grains.Jobs;

// The grain type is fixed so that renaming the class keeps the identities of stored jobs and reminders; the state name
// "job" is unique across grain types because the ADO.NET storage key leaves the grain type out.
[GrainType("job")]
[PreferredMatchSiloMetadataPlacementFilter([ZonePlacement.MetadataKey], ZonePlacement.MinimumCandidates)]
// A write refused for a stale ETag means another activation wrote since this one read: its copy is out of date, so it
// restarts and reads the truth again. Other failures (validation, a storage outage) leave the state as stored: resume.
[OnFailure(typeof(InconsistentStateException), SupervisionDirective.Restart)]
internal sealed class JobGrain([PersistentState("job")] IPersistentState<JobState> state, TimeProvider time) : Grain, IJobGrain
{
    public async Task<JobSnapshot> Post(JobDraft draft)
    {
        EnsureStatus("Post", JobStatus.Draft);
        ArgumentNullException.ThrowIfNull(draft);
        var title = draft.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            throw new ArgumentException("Job title must not be empty.");
        }

        var clientId = draft.ClientId?.Trim();
        if (string.IsNullOrEmpty(clientId))
        {
            throw new ArgumentException("Job client id must not be empty.");
        }

        if (draft.RequiredSkills is null || draft.RequiredSkills.Count == 0)
        {
            throw new ArgumentException("A job must require at least one skill.");
        }

        var skills = TextList.Normalize(draft.RequiredSkills, "Required skill");
        if (draft.HourlyWageMin <= 0)
        {
            throw new ArgumentException($"Hourly wage minimum must be greater than 0; it is {draft.HourlyWageMin}.");
        }

        if (draft.HourlyWageMin > draft.HourlyWageMax)
        {
            throw new ArgumentException(
                $"Hourly wage minimum ({draft.HourlyWageMin}) must not exceed the maximum ({draft.HourlyWageMax}).");
        }

        var now = time.GetUtcNow();
        return await Save(new JobState
        {
            Status = JobStatus.Open,
            Title = title,
            Description = draft.Description?.Trim() ?? string.Empty,
            RequiredSkills = skills,
            HourlyWageMin = draft.HourlyWageMin,
            HourlyWageMax = draft.HourlyWageMax,
            ClientId = clientId,
            PostedAt = now,
            UpdatedAt = now,
        });
    }

    public Task<JobSnapshot?> Get() =>
        Task.FromResult(state.State.Status == JobStatus.Draft ? null : ToSnapshot(state.State));

    public async Task<JobSnapshot> Assign(string freelancerId)
    {
        EnsureStatus("Assign", JobStatus.Open);
        if (string.IsNullOrWhiteSpace(freelancerId))
        {
            throw new ArgumentException("A freelancer id is required to assign a job.");
        }

        // The freelancer checks its own profile and availability in the same turn that records the job, so the check
        // cannot go stale between asking and assigning. AddAssignedJob is idempotent: if the write below fails after
        // the freelancer recorded the job, retrying Assign is safe. This grain is not reentrant, so nothing else
        // changes the job while it waits for the freelancer.
        await GrainFactory.GetGrain<IFreelancerGrain>(freelancerId).AddAssignedJob(this.GetPrimaryKeyString());
        return await Save(state.State with
        {
            Status = JobStatus.Assigned,
            AssignedFreelancerId = freelancerId,
            UpdatedAt = time.GetUtcNow(),
        });
    }

    public async Task<JobSnapshot> Complete()
    {
        EnsureStatus("Complete", JobStatus.Assigned);
        return await Save(state.State with { Status = JobStatus.Completed, UpdatedAt = time.GetUtcNow() });
    }

    public async Task<JobSnapshot> Cancel(string reason)
    {
        EnsureStatus("Cancel", JobStatus.Open, JobStatus.Assigned);
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ArgumentException("A cancellation reason is required.");
        }

        return await Save(state.State with
        {
            Status = JobStatus.Cancelled,
            CancellationReason = trimmed,
            UpdatedAt = time.GetUtcNow(),
        });
    }

    private void EnsureStatus(string transition, params JobStatus[] allowed)
    {
        var current = state.State.Status;
        if (!allowed.Contains(current))
        {
            throw new InvalidOperationException(
                $"Cannot {transition} job '{this.GetPrimaryKeyString()}': it is {current}; {transition} is allowed only from {string.Join(" or ", allowed)}.");
        }
    }

    /// <summary>
    /// Makes <paramref name="next"/> the job's state once storage has accepted it. If the write fails the activation
    /// keeps the state that is still stored, so a retry starts from the truth and not from a transition that never
    /// happened.
    /// </summary>
    private async Task<JobSnapshot> Save(JobState next)
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

        return ToSnapshot(next);
    }

    // The records are [Immutable], so Orleans passes them by reference within a silo: the snapshot gets its own copy
    // of the skill list (an array: Orleans has a codec for it, not for the compiler's collection-expression types), so a
    // caller that casts it back to an array cannot reach into the grain's state.
    private JobSnapshot ToSnapshot(JobState job) => new(
        this.GetPrimaryKeyString(),
        job.Status,
        job.Title,
        job.Description,
        job.RequiredSkills.ToArray(),
        job.HourlyWageMin,
        job.HourlyWageMax,
        job.ClientId,
        job.AssignedFreelancerId,
        job.CancellationReason,
        job.PostedAt,
        job.UpdatedAt);
}
