using Platform.Grains.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement.Filtering;
using Orleans.Storage;
using Platform.EventSourcing;
using Platform.Grains.Audit;
using Platform.Grains.Jobs;
using Platform.Grains.Matching;
using Platform.Grains.Notifications;
using Platform.Grains.Streams;
using Platform.Grains.Tenancy;
using Platform.Grains.Validation;
using Platform.Matching;
using Platform.Orleans.Supervision;

namespace Platform.Grains.Freelancers;

// Type and state name fixed for the same reasons as JobGrain's.
[GrainType("freelancer")]
[PreferredMatchSiloMetadataPlacementFilter([ZonePlacement.MetadataKey], ZonePlacement.MinimumCandidates)]
// A stale ETag restarts the activation, as for JobGrain.
[OnFailure(typeof(InconsistentStateException), SupervisionDirective.Restart)]
internal sealed class FreelancerGrain(
    [PersistentState("freelancer")] IPersistentState<FreelancerState> state,
    TimeProvider time,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IFreelancerMatchIndex matchIndex,
    [FromKeyedServices(IEventJournal.DefaultName)] IEventJournal journal,
    ILogger<FreelancerGrain> logger)
    : Grain, IFreelancerGrain
{
    public const int MaxErasureReasonLength = 500;

    /// <summary>The journal's idempotency key of the erasure event: a retried erasure appends nothing.</summary>
    private const string ErasureIdempotencyKey = "freelancer-erased";

    private TenantKey? _key;

    // Parsed on first use rather than on activation, so that a malformed key fails the call with the parser's message.
    private TenantKey Key => _key ??= TenantKey.Parse(this.GetPrimaryKeyString());

    public async Task<FreelancerProfile> UpdateProfile(FreelancerProfileUpdate update)
    {
        EnsureNotErased("change its profile");
        var profile = FreelancerProfileRules.Clean(update, Key.ToString(), state.State.Profile, time.GetUtcNow());
        await SaveAndIndex(state.State with { Profile = profile });
        return Copy(profile);
    }

    public Task<FreelancerProfile?> GetProfile()
    {
        // A malformed key fails reads too, instead of reading as a freelancer without a profile.
        _ = Key;
        return Task.FromResult(state.State.Profile is { } profile ? Copy(profile) : null);
    }

    public async Task<FreelancerProfile> VerifyCertification(string certification)
    {
        var profile = EnsureProfile("verify a certification");
        var name = FieldRules.Required(certification, "Certification to verify", 200);
        var claimed = profile.Certifications.FirstOrDefault(entry => string.Equals(entry, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"Freelancer '{Key}' does not claim certification '{name}'; it claims {(profile.Certifications.Count == 0 ? "none" : string.Join(", ", profile.Certifications))}.",
                nameof(certification));
        if (profile.VerifiedCertifications.Contains(claimed, StringComparer.Ordinal))
        {
            return Copy(profile);
        }

        var verified = profile with
        {
            VerifiedCertifications = profile.VerifiedCertifications.Append(claimed).ToArray(),
            UpdatedAt = time.GetUtcNow(),
        };
        await SaveAndIndex(state.State with { Profile = verified });
        return Copy(verified);
    }

    public Task<IReadOnlyList<string>> GetAssignedJobs()
    {
        _ = Key;
        return Task.FromResult<IReadOnlyList<string>>(state.State.HiredJobKeys.ToArray());
    }

    public Task<IReadOnlyList<string>> GetJobs()
    {
        _ = Key;
        return Task.FromResult<IReadOnlyList<string>>(state.State.JobKeys.ToArray());
    }

    public async Task<JobSnapshot> Apply(string jobKey, string coverNote)
    {
        var profile = EnsureProfile("apply to a job");
        var job = Key.ParseInTenant(jobKey, "job").ToString();

        // Remembered before the job hears of it: if the call fails the extra entry costs an erasure one needless visit,
        // whereas the other order could leave an application that an erasure never finds.
        await Link(job);
        return await GrainFactory.GetGrain<IJobGrain>(job)
            .ReceiveApplication(new JobApplication(Key.ToString(), profile.DisplayName, profile.Headline, coverNote ?? string.Empty));
    }

    public async Task<JobSnapshot> AcceptOffer(string jobKey)
    {
        var profile = EnsureProfile("accept an offer");
        var job = Key.ParseInTenant(jobKey, "job").ToString();
        var grain = GrainFactory.GetGrain<IJobGrain>(job);
        if (await grain.Get() is { Status: JobStatus.Open } open
            && !profile.Availability.Any(window => window.Start <= open.ShiftStart && window.End >= open.ShiftEnd))
        {
            throw new InvalidOperationException(
                $"Freelancer '{Key}' cannot accept job '{job}': no availability window covers its shift from {FieldRules.Format(open.ShiftStart)} to {FieldRules.Format(open.ShiftEnd)}.");
        }

        await Link(job);
        var hired = await grain.AcceptOffer(Key.ToString());
        if (!state.State.HiredJobKeys.Contains(job))
        {
            await state.SaveOrKeepAsync(state.State with { HiredJobKeys = state.State.HiredJobKeys.Append(job).ToArray() });
        }

        return hired;
    }

    public async Task<bool> NoteCandidacy(string jobKey)
    {
        var job = Key.ParseInTenant(jobKey, "job").ToString();
        if (state.State.Tombstone is not null || state.State.Profile is null)
        {
            return false;
        }

        await Link(job);
        return true;
    }

    public async Task<FreelancerProfile> AddRating(string jobKey, int stars)
    {
        if (stars is < 1 or > 5)
        {
            throw new ArgumentException($"Stars must be between 1 and 5; they are {stars}.", nameof(stars));
        }

        var profile = EnsureProfile("be rated");
        var job = Key.ParseInTenant(jobKey, "job").ToString();
        if (state.State.Ratings.FirstOrDefault(rating => rating.JobKey == job) is { } existing)
        {
            return existing.Stars == stars
                ? Copy(profile)
                : throw new InvalidOperationException(
                    $"Job '{job}' already rated freelancer '{Key}' with {existing.Stars} stars; a rating cannot be changed.");
        }

        var snapshot = await GrainFactory.GetGrain<IJobGrain>(job).Get();
        if (snapshot is not { Status: JobStatus.Completed })
        {
            throw new InvalidOperationException(
                $"Cannot rate freelancer '{Key}' for job '{job}': the job is {snapshot?.Status.ToString() ?? "not created"}; only a completed job can be rated.");
        }

        if (snapshot.HiredFreelancerKey != Key.ToString())
        {
            throw new InvalidOperationException(
                $"Cannot rate freelancer '{Key}' for job '{job}': the job was done by '{snapshot.HiredFreelancerKey}'.");
        }

        var ratings = state.State.Ratings.Append(new JobRating(job, stars, time.GetUtcNow())).ToArray();
        var rated = profile with { RatingCount = ratings.Length, RatingAverage = ratings.Average(rating => rating.Stars) };
        await state.SaveOrKeepAsync(state.State with { Profile = rated, Ratings = ratings });
        return Copy(rated);
    }

    public async Task<ErasureReceipt> Erase(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var freelancer = Key.ToString();
        if (state.State.Tombstone?.Receipt is { } done)
        {
            return done;
        }

        string requestedBy;
        try
        {
            requestedBy = TenantKey.Create(Key.TenantId, request.RequestedBy?.Trim() ?? string.Empty).Id;
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"Erasure requester id is invalid: {error.Message}", nameof(request), error);
        }

        var reason = FieldRules.Required(request.Reason, "Erasure reason", MaxErasureReasonLength);
        CheckHoldsNoPersonalData(reason, state.State.Profile);

        var tombstone = state.State.Tombstone;
        if (tombstone is null)
        {
            // Written first and alone: from here on the stored row holds no personal data, whatever fails later. The jobs
            // to visit are kept in the tombstone so that a retry after a failure still finds them.
            tombstone = new FreelancerTombstone(time.GetUtcNow(), state.State.JobKeys.Union(state.State.HiredJobKeys).ToArray(), Receipt: null);
            await state.SaveOrKeepAsync(new FreelancerState { Tombstone = tombstone });
        }

        var indexRowRemoved = await matchIndex.RemoveAsync(Key.TenantId, Key.Id);
        var visited = await Task.WhenAll(tombstone.JobKeys.Select(async job =>
            (Job: job, Listed: await GrainFactory.GetGrain<IJobGrain>(job).ErasePerson(freelancer))));
        var jobs = visited.Where(entry => entry.Listed).Select(entry => entry.Job).ToArray();

        var auditStream = AuditStreams.Of(Key);
        var auditVersion = await AuditTrail.AppendOnceAsync(
            journal,
            auditStream,
            new FreelancerErased(freelancer, requestedBy, reason, tombstone.ErasedAt, jobs, indexRowRemoved),
            ErasureIdempotencyKey,
            CancellationToken.None);

        // Fixed id: a retried erasure re-publishes the same notification, which receivers drop.
        await PlatformStreamProvider.Of(this).NotificationsOf(freelancer).OnNextAsync(new Notification(
            $"{freelancer}/erasure-completed",
            freelancer,
            NotificationKind.ErasureCompleted,
            new Dictionary<string, string> { ["freelancer"] = freelancer, ["erasedAt"] = FieldRules.Format(tombstone.ErasedAt) },
            time.GetUtcNow()));

        var receipt = new ErasureReceipt(freelancer, tombstone.ErasedAt, jobs, indexRowRemoved, auditStream, auditVersion);
        await state.SaveOrKeepAsync(new FreelancerState { Tombstone = tombstone with { JobKeys = [], Receipt = receipt } });
        GrainLog.FreelancerErased(logger, freelancer, jobs.Length, indexRowRemoved, auditVersion);
        return receipt;
    }

    /// <summary>
    /// The audit trail outlives the erasure, so the reason written into it must not carry what is being erased: no
    /// e-mail address at all, and none of the person's name (or a part of it), e-mail or headline.
    /// </summary>
    private static void CheckHoldsNoPersonalData(string reason, FreelancerProfile? profile)
    {
        if (reason.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("Erasure reason must not contain an e-mail address: the audit trail keeps no personal data.", nameof(reason));
        }

        if (profile is null)
        {
            return;
        }

        var personal = profile.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => part.Length >= 3)
            .Append(profile.DisplayName)
            .Append(profile.Email)
            .Append(profile.Headline);
        if (personal.Any(value => reason.Contains(value, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException(
                "Erasure reason must not repeat the freelancer's name, e-mail or headline: the audit trail keeps no personal data.", nameof(reason));
        }
    }

    private void EnsureNotErased(string action)
    {
        if (state.State.Tombstone is { } tombstone)
        {
            throw new InvalidOperationException($"Freelancer '{Key}' was erased at {FieldRules.Format(tombstone.ErasedAt)}; it cannot {action}.");
        }
    }

    private FreelancerProfile EnsureProfile(string action)
    {
        EnsureNotErased(action);
        return state.State.Profile
            ?? throw new InvalidOperationException($"Freelancer '{Key}' has no profile; it cannot {action} before creating one.");
    }

    private async Task Link(string jobKey)
    {
        if (!state.State.JobKeys.Contains(jobKey))
        {
            await state.SaveOrKeepAsync(state.State with { JobKeys = state.State.JobKeys.Append(jobKey).ToArray() });
        }
    }

    /// <summary>
    /// Stores a changed profile and writes it to the matching index. The embedding is computed first, so a failing
    /// embedding service changes nothing; if the index write fails after the state write, the call fails and repeating
    /// it (the methods that get here are idempotent) brings the index up to date.
    /// </summary>
    private async Task SaveAndIndex(FreelancerState next)
    {
        var profile = next.Profile!;
        var document = new FreelancerMatchDocument(
            Key.TenantId,
            Key.Id,
            MatchText(profile),
            profile.Skills.ToArray(),
            profile.VerifiedCertifications.ToArray(),
            profile.HourlyRate,
            profile.Currency,
            profile.Latitude,
            profile.Longitude,
            profile.Availability.ToArray());
        var embedding = await embeddings.GenerateVectorAsync(document.ProfileText);
        await state.SaveOrKeepAsync(next);
        await matchIndex.UpsertAsync(document, embedding);
    }

    // What the work is, not who does it: the name and e-mail stay out of the embedding and the index.
    private static string MatchText(FreelancerProfile profile) => string.Join(
        '\n',
        profile.Headline,
        profile.Description,
        $"Skills: {string.Join(", ", profile.Skills)}",
        $"Certifications: {string.Join(", ", profile.VerifiedCertifications)}");

    // The records are [Immutable] and pass by reference within a silo; copies keep callers out of the stored lists.
    private static FreelancerProfile Copy(FreelancerProfile profile) => profile with
    {
        Skills = profile.Skills.ToArray(),
        Certifications = profile.Certifications.ToArray(),
        VerifiedCertifications = profile.VerifiedCertifications.ToArray(),
        Availability = profile.Availability.ToArray(),
    };
}
