using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;
using Platform.Testing;

namespace Platform.Runtime.Tests;

public sealed class DeadlineAndCancellationTests
{
    [Fact]
    public async Task A_method_deadline_fails_the_caller_with_a_clear_timeout_while_the_grain_still_runs()
    {
        var time = new ManualTimeProvider();
        var (cluster, probe) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ISlowGrain>("short");

        var call = grain.WaitWithShortTimeout("never");
        await Eventually.Until(() => probe.Count("waiting:short") == 1, "the call is running");
        time.Advance(TimeSpan.FromSeconds(1));
        call.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(2));

        var error = await Should.ThrowAsync<GrainCallTimeoutException>(call);
        error.Message.ShouldBe("Call Platform.Runtime.Tests.Grains.ISlowGrain.WaitWithShortTimeout to slow/short timed out after 2 s: the grain is still running it.");
        probe.Open("never");
    }

    [Fact]
    public async Task Calls_queued_behind_a_stuck_turn_time_out_and_never_run()
    {
        var time = new ManualTimeProvider();
        var (cluster, probe) = await TestClusters.StartAsync(time, options => options.DefaultCallTimeout = TimeSpan.FromSeconds(5));
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ISlowGrain>("stuck");

        var stuck = grain.Wait("gate");
        await Eventually.Until(() => probe.Count("waiting:stuck") == 1, "the first call is running");
        var queued = grain.CountCalls();
        time.Advance(TimeSpan.FromSeconds(6));

        (await Should.ThrowAsync<GrainCallTimeoutException>(queued)).Message.ShouldContain("it was still queued, first in line");
        await Should.ThrowAsync<GrainCallTimeoutException>(stuck);
        probe.Open("gate");
        (await grain.CountCalls()).ShouldBe(2, "the timed-out CountCalls must never have run");
    }

    [Fact]
    public async Task An_ambient_timeout_scope_sets_the_deadline_of_calls_made_in_it()
    {
        var time = new ManualTimeProvider();
        var (cluster, probe) = await TestClusters.StartAsync(time);
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ISlowGrain>("ambient");

        Task call;
        using (GrainCall.WithTimeout(TimeSpan.FromSeconds(10)))
        {
            call = grain.Wait("gate");
        }

        time.Advance(TimeSpan.FromSeconds(9));
        call.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(2));
        (await Should.ThrowAsync<GrainCallTimeoutException>(call)).Message.ShouldContain("after 10 s");
        probe.Open("gate");
    }

    [Fact]
    public void An_ambient_timeout_must_be_positive()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => GrainCall.WithTimeout(TimeSpan.Zero));
    }

    [Fact]
    public async Task Cancelling_a_running_call_releases_the_caller_and_the_grain_observes_the_token()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ISlowGrain>("cancel");
        using var cancellation = new CancellationTokenSource();

        var call = grain.WaitCancellable(cancellation.Token);
        await Eventually.Until(() => probe.Count("cancellable-started:cancel") == 1, "the call is running");
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(call);
        await Eventually.Until(() => probe.Count("observed-cancel:cancel") == 1, "the grain saw the cancellation");
    }

    [Fact]
    public async Task A_call_cancelled_while_queued_never_runs()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ISlowGrain>("queued-cancel");
        using var cancellation = new CancellationTokenSource();

        var blocker = grain.Wait("gate");
        var queued = grain.WaitCancellable(cancellation.Token);
        await cancellation.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(queued);
        probe.Open("gate");
        await blocker;

        (await grain.CountCalls()).ShouldBe(2, "only Wait and this CountCalls ran");
    }

    [Fact]
    public async Task A_call_with_an_already_cancelled_token_fails_without_being_sent()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ISlowGrain>("pre-cancelled");

        var error = await Should.ThrowAsync<OperationCanceledException>(grain.WaitCancellable(new CancellationToken(canceled: true)));

        error.Message.ShouldContain("cancelled before it was sent");
        (await grain.CountCalls()).ShouldBe(1);
    }
}
