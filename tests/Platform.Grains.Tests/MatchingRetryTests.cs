using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Platform.Grains.Jobs;
using Platform.Grains.Streams;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>
/// A published job is matched even when its <see cref="JobCreated"/> never reaches matching: here the stream gives up on
/// it because matching fails (a candidate's storage is down) for longer than the stream's delivery time, as it would
/// lose it with a silo that crashed holding it. The job's reminder publishes it again until a ranking is recorded.
/// </summary>
public sealed class MatchingRetryTests : IAsyncLifetime
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan DeliveryTime = TimeSpan.FromSeconds(1);

    private MarketplaceCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await MarketplaceCluster.StartAsync(silo =>
    {
        silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = RetryPeriod);
        silo.Services.Configure<JobMatchingOptions>(options => options.RetryPeriod = RetryPeriod);
        silo.Services.Configure<StreamPullingAgentOptions>(PlatformStreams.ProviderName, options => options.MaxEventDeliveryTime = DeliveryTime);
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_job_whose_JobCreated_the_stream_gave_up_on_gets_its_candidates_once_matching_works_again()
    {
        var market = new Marketplace(_cluster);
        var freelancer = await market.NewFreelancerAsync();
        _cluster.FailingStorage.FailWritesOf(freelancer.GetGrainId());
        var job = await market.NewDraftAsync();

        var published = await job.Publish();
        // Real time, as the stream's pulling agents keep it: past the delivery time the first JobCreated is dropped.
        await Task.Delay(DeliveryTime * 3);
        (await job.Get())!.Revision.ShouldBe(published.Revision, "no ranking while a candidate cannot be noted");
        _cluster.FailingStorage.HealWritesOf(freelancer.GetGrainId());

        var matched = await market.CandidatesRecordedAsync(job, published.Revision);
        matched.Candidates.ShouldHaveSingleItem().FreelancerKey.ShouldBe(freelancer.GetPrimaryKeyString());
        await Eventually.Until(() => RemindersOf(job), count => count == 0, "the job's matching reminder ending once candidates are recorded");
    }

    [Fact]
    public async Task A_job_that_leaves_Open_before_it_is_matched_stops_its_retries()
    {
        var market = new Marketplace(_cluster);
        var freelancer = await market.NewFreelancerAsync();
        _cluster.FailingStorage.FailWritesOf(freelancer.GetGrainId());
        var job = await market.NewDraftAsync();
        await job.Publish();
        (await RemindersOf(job)).ShouldBe(1, "publishing registers the reminder before the job is Open");

        var cancelled = await job.Cancel("Plans changed");

        await Eventually.Until(() => RemindersOf(job), count => count == 0, "the cancelled job's matching reminder ending");
        (await job.Get())!.Revision.ShouldBe(cancelled.Revision, "a retry of a job that is no longer Open changes nothing");
        _cluster.FailingStorage.HealWritesOf(freelancer.GetGrainId());
    }

    private async Task<int> RemindersOf(IJobGrain job) =>
        (await _cluster.SiloServices.GetRequiredService<IReminderTable>().ReadRows(job.GetGrainId())).Reminders.Count;
}
