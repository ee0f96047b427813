using Orleans.Runtime;

namespace Platform.Silo.Tests.Failures;

/// <summary>
/// One silo of three is killed, stopped or frozen while writers keep writing through the client SDK. No timing is
/// asserted here (the bench's failover and rolling-restart scenarios measure it); what must hold is asserted.
/// </summary>
public sealed class SiloFailureTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task After_kill_9_of_one_silo_every_grain_answers_again_from_the_survivors_and_no_acknowledged_write_is_lost()
    {
        await using var cluster = await ThreeSiloCluster.StartAsync("kill-test");
        var load = await AssignmentLoad.StartAsync(cluster.Client, "kill");
        await Task.Delay(TimeSpan.FromSeconds(2));

        cluster.Silos[1].Kill();
        var killed = Environment.TickCount64;
        await WaitForAsync(() => load.EveryFreelancerWrittenSince(killed), "every freelancer to take a write after the kill");
        await load.StopAsync();

        (await load.LostWritesAsync()).ShouldBeEmpty();
        await cluster.WaitForStatusAsync(cluster.Silos[1], SiloStatus.Dead);
    }

    [Fact]
    public async Task SIGTERM_under_load_fails_no_call_and_the_silo_exits_with_0()
    {
        await using var cluster = await ThreeSiloCluster.StartAsync("term-test");
        var load = await AssignmentLoad.StartAsync(cluster.Client, "term");
        await Task.Delay(TimeSpan.FromSeconds(2));

        cluster.Silos[1].Terminate();
        (await cluster.Silos[1].WaitForExitAsync(ExitTimeout)).ShouldBe(0, cluster.Silos[1].Output);
        var stopped = Environment.TickCount64;
        await WaitForAsync(() => load.EveryFreelancerWrittenSince(stopped), "every freelancer to take a write after the stop");
        await load.StopAsync();

        load.Failures.ShouldBeEmpty();
        (await load.LostWritesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_silo_paused_past_detection_is_declared_dead_and_after_SIGCONT_exits_without_applying_a_late_write()
    {
        await using var cluster = await ThreeSiloCluster.StartAsync("pause-test");
        var load = await AssignmentLoad.StartAsync(cluster.Client, "pause");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var paused = cluster.Silos[1];
        paused.Signal("STOP");
        await cluster.WaitForStatusAsync(paused, SiloStatus.Dead);
        var declared = Environment.TickCount64;
        await WaitForAsync(() => load.EveryFreelancerWrittenSince(declared), "every freelancer to take a write from the survivors");

        await load.StopAsync();
        (await load.LostWritesAsync()).ShouldBeEmpty();

        // Whatever the paused silo still held (requests in its sockets, activations with state) meets a cluster that
        // moved on: it must find itself dead and exit without writing any grain state.
        var beforeWake = await cluster.Database.CountAsync("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint");
        paused.Signal("CONT");
        (await paused.WaitForExitAsync(ExitTimeout)).ShouldBe(3, paused.Output);
        (await cluster.Database.CountAsync(
            "SELECT count(*) FROM orleans_grain_state WHERE state_name = 'freelancer' AND modified_at > to_timestamp($1 / 1000000.0)", beforeWake))
            .ShouldBe(0L, $"no grain state was written after the frozen silo woke; its output:\n{paused.Output}");
        (await load.LostWritesAsync()).ShouldBeEmpty();
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"waited a minute for {what}");
            }

            await Task.Delay(100);
        }
    }
}
