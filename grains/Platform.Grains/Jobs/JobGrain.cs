using Platform.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement.Filtering;
using Orleans.Storage;
using Platform.Grains.Escrow;
using Platform.Grains.Freelancers;
using Platform.Grains.Matching;
using Platform.Grains.Notifications;
using Platform.Grains.Streams;
using Platform.Grains.Tenancy;
using Platform.Grains.Validation;
using Platform.Orleans.Supervision;

namespace Platform.Grains.Jobs;

// The grain type is fixed so that renaming the class keeps the identities of stored jobs and reminders; the state name
// "job" is unique across grain types because the ADO.NET storage key leaves the grain type out.
[GrainType("job")]
[PreferredMatchSiloMetadataPlacementFilter([ZonePlacement.MetadataKey], ZonePlacement.MinimumCandidates)]
// A write refused for a stale ETag means another activation wrote since this one read: its copy is out of date, so it
// restarts and reads the truth again. Other failures (validation, a storage outage) leave the state as stored: resume.
[OnFailure(typeof(InconsistentStateException), SupervisionDirective.Restart)]
internal sealed class JobGrain(
    [PersistentState("job")] IPersistentState<JobState> state,
    TimeProvider time,
    IOptions<JobMatchingOptions> matching,
    ILogger<JobGrain> logger)
    : Grain, IJobGrain, IRemindable
{
    /// <summary>The reminder that publishes <see cref="JobCreated"/> again while no ranking is recorded.</summary>
    public const string MatchingReminder = "matching";

    public const int MaxReasonLength = 500;

    public const int MaxCoverNoteLength = 2000;

    private TenantKey? _key;

    // Parsed on first use rather than on activation, so that a malformed key fails the call with the parser's message.
    private TenantKey Key => _key ??= TenantKey.Parse(this.GetPrimaryKeyString());

    private string JobKey => Key.ToString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The previous activation wrote a change but did not get its events onto the streams (it failed, or its silo died
        // in between): publish them now rather than wait for the next change.
        if (state.State.Outbox.Count > 0 || state.State.PendingJobCreated is not null)
        {
            await FlushOutbox();
        }
    }

    public async Task<JobSnapshot> SaveDraft(JobDraft draft)
    {
        Ensure(JobAction.SaveDraft);
        var clean = JobDraftRules.Clean(draft, Key.TenantId);
        var now = time.GetUtcNow();
        var job = state.State;
        return await Commit(
            job with
            {
                Status = JobStatus.Draft,
                Title = clean.Title,
                Description = clean.Description,
                RequiredSkills = clean.RequiredSkills,
                RequiredCertifications = clean.RequiredCertifications,
                ShiftStart = clean.ShiftStart,
                ShiftEnd = clean.ShiftEnd,
                Latitude = clean.Latitude,
                Longitude = clean.Longitude,
                RadiusKm = clean.RadiusKm,
                HourlyWageMin = clean.HourlyWageMin,
                HourlyWageMax = clean.HourlyWageMax,
                Currency = clean.Currency,
                ClientId = clean.ClientId,
                CreatedAt = job.CreatedAt ?? now,
            },
            now,
            []);
    }

    public async Task<JobSnapshot> Create(JobDraft draft, bool publish)
    {
        if (!state.State.Exists)
        {
            await SaveDraft(draft);
        }

        return publish && state.State.Status == JobStatus.Draft ? await Publish() : ToSnapshot(state.State);
    }

    public async Task<JobSnapshot> Publish()
    {
        Ensure(JobAction.Publish);
        var job = state.State;
        var now = time.GetUtcNow();
        if (now >= job.ShiftStart)
        {
            throw new InvalidOperationException(
                $"Cannot Publish job '{JobKey}': its shift starts at {FieldRules.Format(job.ShiftStart)}, which is not after now ({FieldRules.Format(now)}); move the shift first.");
        }

        // The reminder is durable before the job is Open: a publication whose JobCreated is lost afterwards (with the silo
        // that queued it, or dropped after matching failed past the stream's delivery time) is published again. A reminder
        // left by a write that then failed finds the job not awaiting candidates and removes itself.
        var period = matching.Value.RetryPeriod;
        await this.RegisterOrUpdateReminder(MatchingReminder, period, period);
        var open = job with { Status = JobStatus.Open, PublishedAt = now, AwaitingCandidates = true };
        return await Commit(open, now, [], Announcement(open, now, job.Revision + 1));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != MatchingReminder)
        {
            return;
        }

        var job = state.State;
        if (!job.AwaitingCandidates || job.Status != JobStatus.Open || time.GetUtcNow() >= job.ShiftStart)
        {
            if (await this.GetReminder(MatchingReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        if (job.PendingJobCreated is not null)
        {
            // Never on the stream yet: the outbox publishes it (and keeps it if that fails again).
            await FlushOutbox();
            return;
        }

        var period = matching.Value.RetryPeriod;
        GrainLog.MatchingRetried(logger, JobKey, period);
        try
        {
            await PlatformStreamProvider.Of(this).JobsCreated(Key.TenantId).OnNextAsync(Announcement(job, job.PublishedAt ?? time.GetUtcNow(), job.Revision));
        }
        catch (Exception error)
        {
            GrainLog.MatchingRetryFailed(logger, JobKey, period, error);
        }
    }

    public async Task<JobSnapshot?> Get()
    {
        // A malformed key fails reads too, instead of reading as a job that does not exist.
        _ = Key;
        if (!state.State.Exists)
        {
            // After a silo dies Orleans' directory may for a while route calls to an activation that read the job before
            // another activation of it created the job: "no such job" is answered from storage, never from that copy.
            await state.ReadStateAsync();
        }

        return state.State.Exists ? ToSnapshot(state.State) : null;
    }

    public async Task<JobSnapshot> ReceiveApplication(JobApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        Ensure(JobAction.Apply);
        var freelancer = Key.ParseInTenant(application.FreelancerKey, "freelancer").ToString();
        var job = state.State;
        EnsureNotErased(job, freelancer);
        if (job.Applicants.Any(applicant => applicant.FreelancerKey == freelancer))
        {
            return ToSnapshot(job);
        }

        var applicant = new Applicant(
            freelancer,
            FieldRules.Required(application.DisplayName, "Applicant display name", FreelancerProfileRules.MaxDisplayNameLength),
            FieldRules.Required(application.Headline, "Applicant headline", FreelancerProfileRules.MaxHeadlineLength),
            FieldRules.Optional(application.CoverNote, "Cover note", MaxCoverNoteLength),
            time.GetUtcNow(),
            Erased: false);
        return await Commit(
            job with { Applicants = job.Applicants.Append(applicant).ToArray() },
            applicant.AppliedAt,
            [Notify(job, NotificationKind.ApplicationReceived, ClientKey(job), applicant.AppliedAt, ("freelancer", freelancer))]);
    }

    public async Task<JobSnapshot> RecordCandidates(IReadOnlyList<MatchCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Ensure(JobAction.RecordCandidates);
        var job = state.State;
        var ranked = new List<JobCandidate>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i] ?? throw new ArgumentException($"Candidate #{i + 1} is null.", nameof(candidates));
            string freelancer;
            try
            {
                // A bare id, resolved in the job's own tenant: a candidate of another tenant cannot even be named.
                freelancer = TenantKey.Create(Key.TenantId, candidate.FreelancerId).ToString();
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException($"Candidate #{i + 1} has an invalid freelancer id: {error.Message}", nameof(candidates), error);
            }

            if (!job.ErasedFreelancerKeys.Contains(freelancer) && ranked.TrueForAll(entry => entry.FreelancerKey != freelancer))
            {
                ranked.Add(new JobCandidate(freelancer, ranked.Count + 1, candidate.Similarity, candidate.DistanceKm, candidate.HourlyRate, Erased: false));
            }
        }

        var snapshot = await Commit(job with { Candidates = ranked, AwaitingCandidates = false }, time.GetUtcNow(), []);
        GrainLog.CandidatesRecorded(logger, JobKey, ranked.Count);
        return snapshot;
    }

    public async Task<JobSnapshot> MakeOffer(string freelancerKey, decimal hourlyWage)
    {
        Ensure(JobAction.MakeOffer);
        var freelancer = Key.ParseInTenant(freelancerKey, "freelancer").ToString();
        var job = state.State;
        EnsureNotErased(job, freelancer);
        if (!job.Applicants.Any(applicant => applicant.FreelancerKey == freelancer)
            && !job.Candidates.Any(candidate => candidate.FreelancerKey == freelancer))
        {
            throw new InvalidOperationException($"Cannot offer job '{JobKey}' to freelancer '{freelancer}': they neither applied nor are a candidate.");
        }

        if (hourlyWage < job.HourlyWageMin || hourlyWage > job.HourlyWageMax)
        {
            throw new ArgumentException(
                $"Offered hourly wage ({FieldRules.Format(hourlyWage)}) must be within the job's wage window ({FieldRules.Format(job.HourlyWageMin)} to {FieldRules.Format(job.HourlyWageMax)} {job.Currency}).",
                nameof(hourlyWage));
        }

        if (job.Offers.Any(offer => offer.FreelancerKey == freelancer && offer.HourlyWage == hourlyWage))
        {
            return ToSnapshot(job);
        }

        var now = time.GetUtcNow();
        var offers = job.Offers.Where(offer => offer.FreelancerKey != freelancer).Append(new JobOffer(freelancer, hourlyWage, now)).ToArray();
        return await Commit(
            job with { Offers = offers },
            now,
            [
                Notify(
                    job,
                    NotificationKind.OfferMade,
                    freelancer,
                    now,
                    ("hourlyWage", FieldRules.Format(hourlyWage)),
                    ("currency", job.Currency),
                    ("shiftStart", FieldRules.Format(job.ShiftStart)),
                    ("shiftEnd", FieldRules.Format(job.ShiftEnd))),
            ]);
    }

    public async Task<JobSnapshot> AcceptOffer(string freelancerKey)
    {
        var freelancer = Key.ParseInTenant(freelancerKey, "freelancer").ToString();
        var job = state.State;

        // The freelancer grain retries after a failed write of its own: acknowledge the hire again instead of refusing it.
        if (job.Exists && job.HiredFreelancerKey == freelancer && job.Status is JobStatus.Filled or JobStatus.InProgress or JobStatus.Completed)
        {
            return ToSnapshot(job);
        }

        Ensure(JobAction.AcceptOffer);
        EnsureNotErased(job, freelancer);
        var offer = job.Offers.FirstOrDefault(offer => offer.FreelancerKey == freelancer)
            ?? throw new InvalidOperationException($"Cannot hire freelancer '{freelancer}' for job '{JobKey}': the client made them no offer.");
        var now = time.GetUtcNow();
        (string, string)[] payload = [("freelancer", freelancer), ("hourlyWage", FieldRules.Format(offer.HourlyWage)), ("shiftStart", FieldRules.Format(job.ShiftStart))];
        return await Commit(
            job with { Status = JobStatus.Filled, HiredFreelancerKey = freelancer },
            now,
            [Notify(job, NotificationKind.Hired, freelancer, now, payload), Notify(job, NotificationKind.Hired, ClientKey(job), now, payload)]);
    }

    public async Task<JobSnapshot> Start()
    {
        Ensure(JobAction.Start);
        return await Commit(state.State with { Status = JobStatus.InProgress }, time.GetUtcNow(), []);
    }

    public async Task<JobSnapshot> Complete()
    {
        Ensure(JobAction.Complete);
        return await Commit(state.State with { Status = JobStatus.Completed }, time.GetUtcNow(), []);
    }

    public async Task<JobSnapshot> Cancel(string reason)
    {
        Ensure(JobAction.Cancel);
        var why = Reason(reason);
        await EnsureNoMoneyHeld("cancel", "refund it or release it");
        var job = state.State;
        var now = time.GetUtcNow();
        var recipients = job.Applicants.Where(applicant => !applicant.Erased).Select(applicant => applicant.FreelancerKey)
            .Concat(job.Offers.Select(offer => offer.FreelancerKey))
            .Concat(job.HiredFreelancerKey is { } hired ? [hired] : [])
            .Where(recipient => !job.ErasedFreelancerKeys.Contains(recipient))
            .Distinct(StringComparer.Ordinal);
        return await Commit(
            job with { Status = JobStatus.Cancelled, CancellationReason = why },
            now,
            recipients.Select(recipient => Notify(job, NotificationKind.JobCancelled, recipient, now, ("reason", why))).ToArray());
    }

    public async Task<JobSnapshot> CancelShift(ShiftCancellation cancellation)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        Ensure(JobAction.CancelShift);
        var why = Reason(cancellation.Reason);
        await EnsureNoMoneyHeld(
            "cancel the shift of",
            cancellation.CancelledBy == ShiftParty.Freelancer ? "the client refunds it, or either party opens a dispute" : "refund it or release it");
        var job = state.State;
        var hired = job.HiredFreelancerKey!;
        var now = time.GetUtcNow();
        switch (cancellation.CancelledBy)
        {
            case ShiftParty.Client:
            {
                var record = new ShiftCancellation(ShiftParty.Client, null, why);
                return await Commit(
                    job with { Status = JobStatus.Cancelled, CancellationReason = why, LastShiftCancellation = record },
                    now,
                    [Notify(job, NotificationKind.ShiftCancelled, hired, now, ("cancelledBy", nameof(ShiftParty.Client)), ("reason", why), ("reopened", "false"))]);
            }

            case ShiftParty.Freelancer:
            {
                if (string.IsNullOrEmpty(cancellation.FreelancerKey))
                {
                    throw new ArgumentException("A freelancer cancelling a shift must give their freelancer key.", nameof(cancellation));
                }

                var freelancer = Key.ParseInTenant(cancellation.FreelancerKey, "freelancer").ToString();
                if (freelancer != hired)
                {
                    throw new InvalidOperationException($"Freelancer '{freelancer}' cannot cancel the shift of job '{JobKey}': '{hired}' is hired for it.");
                }

                var record = new ShiftCancellation(ShiftParty.Freelancer, freelancer, why);

                // Before the shift the client can still find someone else; once it has begun, the job is lost.
                var reopens = job.Status == JobStatus.Filled && now < job.ShiftStart;
                var next = reopens
                    ? job with { Status = JobStatus.Open, HiredFreelancerKey = null, Offers = [], LastShiftCancellation = record }
                    : job with { Status = JobStatus.Cancelled, CancellationReason = why, LastShiftCancellation = record };
                return await Commit(
                    next,
                    now,
                    [
                        Notify(
                            job,
                            NotificationKind.ShiftCancelled,
                            ClientKey(job),
                            now,
                            ("freelancer", freelancer),
                            ("cancelledBy", nameof(ShiftParty.Freelancer)),
                            ("reason", why),
                            ("reopened", reopens ? "true" : "false")),
                    ]);
            }

            default:
                throw new ArgumentException($"Shift cancellation party {cancellation.CancelledBy} is unknown; use Client or Freelancer.", nameof(cancellation));
        }
    }

    public async Task<bool> ErasePerson(string freelancerKey)
    {
        var freelancer = Key.ParseInTenant(freelancerKey, "freelancer").ToString();
        var job = state.State;
        if (!job.Exists)
        {
            return false;
        }

        var listed = job.Applicants.Any(applicant => applicant.FreelancerKey == freelancer)
            || job.Candidates.Any(candidate => candidate.FreelancerKey == freelancer)
            || job.Offers.Any(offer => offer.FreelancerKey == freelancer)
            || job.HiredFreelancerKey == freelancer;

        // Remembered even when the job does not list the person yet: matching may still be about to record them.
        if (job.ErasedFreelancerKeys.Contains(freelancer)
            && job.Applicants.All(applicant => applicant.FreelancerKey != freelancer || applicant.Erased)
            && job.Candidates.All(candidate => candidate.FreelancerKey != freelancer || candidate.Erased))
        {
            return listed;
        }

        await Commit(
            job with
            {
                Applicants = job.Applicants.Select(applicant => applicant.FreelancerKey == freelancer
                    ? applicant with { DisplayName = Applicant.ErasedDisplayName, Headline = string.Empty, CoverNote = string.Empty, Erased = true }
                    : applicant).ToArray(),
                Candidates = job.Candidates.Select(candidate => candidate.FreelancerKey == freelancer
                    ? candidate with { DistanceKm = null, HourlyRate = null, Erased = true }
                    : candidate).ToArray(),
                ErasedFreelancerKeys = job.ErasedFreelancerKeys.Contains(freelancer)
                    ? job.ErasedFreelancerKeys
                    : job.ErasedFreelancerKeys.Append(freelancer).ToArray(),
            },
            time.GetUtcNow(),
            []);
        return listed;
    }

    /// <summary>What matching needs of the job, as published at <paramref name="publishedAt"/> in <paramref name="revision"/>.</summary>
    private JobCreated Announcement(JobState job, DateTimeOffset publishedAt, long revision) => new(
        JobKey,
        Key.TenantId,
        job.Title,
        job.Description,
        job.RequiredSkills.ToArray(),
        job.RequiredCertifications.ToArray(),
        job.ShiftStart,
        job.ShiftEnd,
        job.Latitude,
        job.Longitude,
        job.RadiusKm,
        job.HourlyWageMin,
        job.HourlyWageMax,
        job.Currency,
        publishedAt,
        revision);

    /// <summary>
    /// Refuses to end a hire while the job's escrow contract (keyed by the job, created once someone is hired) holds the
    /// client's money: cancelling would leave it held for a job that no longer happens. Moving money stays an explicit
    /// step of the client's (refund, release) or of a dispute. Calls go one way, job to contract, so they cannot deadlock.
    /// </summary>
    private async Task EnsureNoMoneyHeld(string action, string remedy)
    {
        if (state.State.Status is not (JobStatus.Filled or JobStatus.InProgress))
        {
            return;
        }

        if (await GrainFactory.GetGrain<IEscrowGrain>(JobKey).Get() is { Status: EscrowStatus.Funded or EscrowStatus.WorkSubmitted or EscrowStatus.Approved or EscrowStatus.Disputed } contract)
        {
            throw new InvalidOperationException(
                $"Cannot {action} job '{JobKey}': its escrow contract holds the client's money (it is {contract.Status}); {remedy} first.");
        }
    }

    private void Ensure(JobAction action) =>
        JobLifecycle.EnsureAllowed(JobKey, state.State.Exists ? state.State.Status : null, action);

    private void EnsureNotErased(JobState job, string freelancer)
    {
        if (job.ErasedFreelancerKeys.Contains(freelancer))
        {
            throw new InvalidOperationException($"Freelancer '{freelancer}' was erased; job '{JobKey}' takes nothing more under that key.");
        }
    }

    private static string Reason(string? reason)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ArgumentException("A cancellation reason is required.");
        }

        return FieldRules.Optional(trimmed, "Cancellation reason", MaxReasonLength);
    }

    private string ClientKey(JobState job) => TenantKey.Create(Key.TenantId, job.ClientId).ToString();

    /// <summary>
    /// A notification caused by the change that will make <paramref name="job"/> its next revision. The id is derived
    /// from that revision, so a re-publication after a failure carries the same id and receivers drop it.
    /// </summary>
    private Notification Notify(JobState job, NotificationKind kind, string recipient, DateTimeOffset now, params (string Key, string Value)[] payload)
    {
        var revision = job.Revision + 1;
        var fields = new Dictionary<string, string> { ["job"] = JobKey, ["title"] = job.Title };
        foreach (var (key, value) in payload)
        {
            fields[key] = value;
        }

        return new Notification($"{JobKey}#{revision}/{kind}/{recipient}", recipient, kind, fields, now);
    }

    /// <summary>
    /// Writes <paramref name="next"/> as the next revision together with the events it causes, then publishes them. The
    /// call fails only if the write fails: once the change is stored, a publication failure leaves the events in the
    /// outbox for the next change or activation.
    /// </summary>
    private async Task<JobSnapshot> Commit(JobState next, DateTimeOffset now, IReadOnlyList<Notification> notifications, JobCreated? created = null)
    {
        var current = state.State;
        await state.SaveOrKeepAsync(next with
        {
            Revision = current.Revision + 1,
            UpdatedAt = now,
            Outbox = current.Outbox.Concat(notifications).ToArray(),
            PendingJobCreated = created ?? current.PendingJobCreated,
        });
        var snapshot = ToSnapshot(state.State);
        if (state.State.Outbox.Count > 0 || state.State.PendingJobCreated is not null)
        {
            await FlushOutbox();
        }

        return snapshot;
    }

    private async Task FlushOutbox()
    {
        var pending = state.State;
        var streams = PlatformStreamProvider.Of(this);
        try
        {
            if (pending.PendingJobCreated is { } created)
            {
                await streams.JobsCreated(Key.TenantId).OnNextAsync(created);
            }

            foreach (var notification in pending.Outbox)
            {
                await streams.NotificationsOf(notification.Recipient).OnNextAsync(notification);
            }
        }
        catch (Exception error)
        {
            GrainLog.OutboxPublishFailed(logger, JobKey, pending.Revision, pending.Outbox.Count + (pending.PendingJobCreated is null ? 0 : 1), error);
            return;
        }

        try
        {
            await state.SaveOrKeepAsync(state.State with { Outbox = [], PendingJobCreated = null });
        }
        catch (Exception error)
        {
            GrainLog.OutboxClearFailed(logger, JobKey, error);
        }
    }

    // The records are [Immutable], so Orleans passes them by reference within a silo: the snapshot gets its own copies
    // of the lists (arrays: Orleans has a codec for them, not for the compiler's collection-expression types), so a
    // caller that casts one back to an array cannot reach into the grain's state.
    private JobSnapshot ToSnapshot(JobState job) => new(
        JobKey,
        job.Status,
        job.Title,
        job.Description,
        job.RequiredSkills.ToArray(),
        job.RequiredCertifications.ToArray(),
        job.ShiftStart,
        job.ShiftEnd,
        job.Latitude,
        job.Longitude,
        job.RadiusKm,
        job.HourlyWageMin,
        job.HourlyWageMax,
        job.Currency,
        job.ClientId,
        job.Applicants.ToArray(),
        job.Candidates.ToArray(),
        job.Offers.ToArray(),
        job.HiredFreelancerKey,
        job.LastShiftCancellation,
        job.CancellationReason,
        job.CreatedAt,
        job.PublishedAt,
        job.UpdatedAt,
        job.Revision);
}
