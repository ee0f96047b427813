namespace Platform.Orleans.Tests.Resilience;

/// <summary>Publishes events on <see cref="DeadlineEvents"/>' stream of its key, inside whatever call (and deadline) calls it.</summary>
public interface IDeadlineEventPublisherGrain : IGrainWithStringKey
{
    Task Publish(Guid[] events);
}
