namespace Platform.Orleans.Tests.Resilience;

internal sealed class DeadlineEventPublisherGrain : Grain, IDeadlineEventPublisherGrain
{
    public async Task Publish(Guid[] events)
    {
        var stream = this.GetStreamProvider(DeadlineEvents.Provider).GetStream<Guid>(DeadlineEvents.Stream(this.GetPrimaryKeyString()));
        foreach (var operation in events)
        {
            await stream.OnNextAsync(operation);
        }
    }
}
