using Platform.Testing;
using System.Collections.Concurrent;
using Platform.Runtime.Tests.Grains;

namespace Platform.Runtime.Tests;

public sealed class ObserverTests
{
    [Fact]
    public async Task Grains_call_back_into_observers_one_way_and_with_replies()
    {
        var (cluster, _) = await Support.TestClusters.StartAsync();
        await using var _ = cluster;
        var listener = new Listener();
        var reference = cluster.GrainFactory.CreateObjectReference<IChatObserver>(listener);
        var room = cluster.GrainFactory.GetGrain<IChatRoomGrain>("room");
        await room.Join(reference);

        (await room.Publish("hello")).ShouldBeEmpty();
        (await room.Publish("world")).ShouldBeEmpty();

        listener.Received.ShouldBe(["hello", "world"]);
        listener.Acknowledged.ShouldBe(["hello", "world"]);
    }

    [Fact]
    public async Task Calls_to_a_deleted_observer_fail_with_a_clear_error()
    {
        var (cluster, _) = await Support.TestClusters.StartAsync();
        await using var _ = cluster;
        var reference = cluster.GrainFactory.CreateObjectReference<IChatObserver>(new Listener());
        var room = cluster.GrainFactory.GetGrain<IChatRoomGrain>("room");
        await room.Join(reference);

        cluster.GrainFactory.DeleteObjectReference(reference);
        await Eventually.Until(() => cluster.PrimarySilo.ActivationCount == 1, "the observer is gone");

        var failures = await room.Publish("anyone?");
        failures.ShouldHaveSingleItem().ShouldContain("no longer exists");
    }

    [Fact]
    public async Task Only_local_objects_can_become_observers()
    {
        var (cluster, _) = await Support.TestClusters.StartAsync();
        await using var _ = cluster;
        var reference = cluster.GrainFactory.CreateObjectReference<IChatObserver>(new Listener());

        Should.Throw<ArgumentException>(() => cluster.GrainFactory.CreateObjectReference(reference)).Message.ShouldContain("already a reference");
    }

    private sealed class Listener : IChatObserver
    {
        private readonly ConcurrentQueue<string> _received = new();
        private readonly ConcurrentQueue<string> _acknowledged = new();

        public IReadOnlyList<string> Received => _received.ToArray();

        public IReadOnlyList<string> Acknowledged => _acknowledged.ToArray();

        public void Receive(string message) => _received.Enqueue(message);

        public Task<int> Acknowledge(string message)
        {
            _acknowledged.Enqueue(message);
            return Task.FromResult(_acknowledged.Count);
        }
    }
}
