using Orleans.Streams;

namespace Platform.Orleans.Tests.Resilience;

/// <summary>
/// Takes longer over each event than a client's call may last, then records it in the operation log of its key: every
/// event after the first is delivered, and every record made, after the publishing call's deadline.
/// </summary>
[ImplicitStreamSubscription(DeadlineEvents.Namespace)]
internal sealed class SlowEventConsumerGrain : Grain, IGrainWithStringKey
{
    public static readonly TimeSpan TimePerEvent = TimeSpan.FromSeconds(3);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        await this.GetStreamProvider(DeadlineEvents.Provider).GetStream<Guid>(DeadlineEvents.Stream(key)).SubscribeAsync(async (operation, _) =>
        {
            await Task.Delay(TimePerEvent);
            await GrainFactory.GetGrain<IOperationLogGrain>(key).Append(operation);
        });
    }
}
