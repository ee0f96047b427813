using Microsoft.Extensions.Logging.Abstractions;
using Platform.Orleans.Resilience;

namespace Platform.Orleans.Tests.Resilience;

/// <summary>The pause fence's heartbeat thread outlives no silo, and ending it never fails the silo's exit.</summary>
public sealed class PauseFenceTests
{
    [Fact]
    public async Task Disposing_the_fence_without_a_lifecycle_stop_ends_its_heartbeat_quietly()
    {
        var (fence, lifecycle) = NewFence();
        await lifecycle.StartAsync();

        // What a silo whose start failed at a later stage gets: no stop, its container disposes what it built, twice (the
        // fence is registered as itself and as a lifecycle participant). The heartbeat used to meet the disposed token
        // and end the whole process with an unhandled exception here.
        fence.Dispose();
        Should.NotThrow(fence.Dispose);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        fence.MustConfirm.ShouldBeTrue("the heartbeat stopped with the fence");
    }

    [Fact]
    public async Task A_stop_then_two_disposals_as_a_silo_that_leaves_gets_them_throw_nothing()
    {
        var (fence, lifecycle) = NewFence();
        await lifecycle.StartAsync();

        await lifecycle.StopAsync();

        Should.NotThrow(fence.Dispose);
        Should.NotThrow(fence.Dispose);
    }

    private static (PauseFence Fence, RecordingLifecycle Lifecycle) NewFence()
    {
        // Neither the membership nor the silo's details take part in the heartbeat.
        var fence = new PauseFence(null!, null!, NullLogger<PauseFence>.Instance);
        var lifecycle = new RecordingLifecycle();
        fence.Participate(lifecycle);
        return (fence, lifecycle);
    }

    /// <summary>A silo lifecycle whose stages the test starts and stops.</summary>
    private sealed class RecordingLifecycle : ISiloLifecycle, IDisposable
    {
        private readonly List<ILifecycleObserver> _observers = [];

        public int HighestCompletedStage => ServiceLifecycleStage.RuntimeInitialize;

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add(observer);
            return this;
        }

        public Task StartAsync() => Task.WhenAll(_observers.Select(observer => observer.OnStart(CancellationToken.None)));

        public Task StopAsync() => Task.WhenAll(_observers.Select(observer => observer.OnStop(CancellationToken.None)));

        /// <summary>Unsubscribing: nothing to undo.</summary>
        public void Dispose()
        {
        }
    }
}
