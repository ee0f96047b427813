using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// One test's corner of the shared cluster: a tenant of its own (so matching, the index and notifications see only
/// this test's grains) and shortcuts to freelancers and jobs in any state, each reached through the public API.
/// </summary>
public sealed class Marketplace(MarketplaceCluster cluster)
{
    public string Tenant { get; } = MarketplaceCluster.NewTenant();

    public string ClientKey => $"{Tenant}/client-1";

    public string NewKey(string prefix) => MarketplaceCluster.NewKey(prefix, Tenant);

    public IJobGrain Job(string key) => cluster.Grains.GetGrain<IJobGrain>(key);

    public IFreelancerGrain Freelancer(string key) => cluster.Grains.GetGrain<IFreelancerGrain>(key);

    public async Task<IFreelancerGrain> NewFreelancerAsync(FreelancerProfileUpdate? profile = null)
    {
        var freelancer = Freelancer(NewKey("f"));
        await freelancer.UpdateProfile(profile ?? Samples.Profile(cluster.Now));
        return freelancer;
    }

    public async Task<IJobGrain> NewDraftAsync(JobDraft? draft = null)
    {
        var job = Job(NewKey("job"));
        await job.SaveDraft(draft ?? Samples.Draft(cluster.Now));
        return job;
    }

    /// <summary>A published job whose candidates matching has recorded (so no stream delivery changes it behind the test's back).</summary>
    public async Task<IJobGrain> NewOpenJobAsync(JobDraft? draft = null)
    {
        var job = await NewDraftAsync(draft);
        var published = await job.Publish();
        await CandidatesRecordedAsync(job, published.Revision);
        return job;
    }

    public async Task<JobSnapshot> CandidatesRecordedAsync(IJobGrain job, long publishedRevision) =>
        await Eventually.Until(job.Get, snapshot => snapshot!.Revision > publishedRevision, $"matching recording candidates on {job.GetPrimaryKeyString()}")
            ?? throw new InvalidOperationException("The job vanished.");

    /// <summary>A job in <paramref name="status"/> with the freelancer that applied (and, from Filled on, was hired).</summary>
    public async Task<(IJobGrain Job, IFreelancerGrain Freelancer)> JobInAsync(JobStatus status)
    {
        var freelancer = await NewFreelancerAsync();
        if (status == JobStatus.Draft)
        {
            return (await NewDraftAsync(), freelancer);
        }

        var job = await NewOpenJobAsync();
        if (status == JobStatus.Cancelled)
        {
            await job.Cancel("no longer needed");
            return (job, freelancer);
        }

        if (status == JobStatus.Open)
        {
            return (job, freelancer);
        }

        await freelancer.Apply(job.GetPrimaryKeyString(), "Happy to help.");
        await job.MakeOffer(freelancer.GetPrimaryKeyString(), 20m);
        await freelancer.AcceptOffer(job.GetPrimaryKeyString());
        if (status is JobStatus.InProgress or JobStatus.Completed)
        {
            await job.Start();
        }

        if (status == JobStatus.Completed)
        {
            await job.Complete();
        }

        return (job, freelancer);
    }
}
