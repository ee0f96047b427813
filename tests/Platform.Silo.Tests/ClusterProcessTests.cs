using System.Collections.Concurrent;
using Platform.Client;
using Platform.Grains;
using Platform.Grains.Jobs;

namespace Platform.Silo.Tests;

/// <summary>Three silo processes on loopback in zones a, b and c, with membership and state in PostgreSQL.</summary>
public sealed class ClusterProcessTests
{
    [Fact]
    public async Task Killing_a_silo_under_load_loses_no_acknowledged_write_and_every_grain_comes_back()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var silos = new List<RunningSilo>();
        try
        {
            foreach (var zone in new[] { "a", "b", "c" })
            {
                silos.Add(await RunningSilo.StartAsync(
                    "--zone", zone, "--port", "0", "--cluster-id", "kill-test",
                    "--storage", "postgres", "--membership", "postgres", "--postgres", database.ConnectionString));
            }

            await using var client = await new ClusterClientBuilder()
                .AddGrains(typeof(MarketplaceGrains).Assembly)
                .UseGateways([.. silos.Select(silo => silo.Gateway)])
                .Configure(options => options.ClusterId = "kill-test")
                .ConnectAsync();
            await WaitUntilAsync(() => client.ActiveSilos.Count == 3, "the client sees three silos");

            var acknowledged = new ConcurrentDictionary<string, string>();
            var failuresAfterKill = 0;
            var killed = false;
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 24).Select(worker => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var id = $"job-{worker}-{n}";
                    try
                    {
                        var job = await client.GetGrain<IJobGrain>(id).Post(new JobDraft($"Title {id}", "Posted under load.", ["C#"], 40m, 60m, "client-1"));
                        acknowledged[id] = job.Title;
                    }
                    catch (PlatformException)
                    {
                        if (Volatile.Read(ref killed))
                        {
                            Interlocked.Increment(ref failuresAfterKill);
                        }

                        await Task.Delay(50);
                    }
                }
            })).ToArray();

            await WaitUntilAsync(() => acknowledged.Count >= 200, "jobs are being posted");
            silos[1].Kill();
            Volatile.Write(ref killed, true);

            await WaitUntilAsync(() => client.ActiveSilos.Count == 2, "the cluster declares the killed silo dead", TimeSpan.FromSeconds(20));
            var afterRecovery = acknowledged.Count;
            await WaitUntilAsync(() => acknowledged.Count >= afterRecovery + 200, "posting goes on after the failover");
            stop.Cancel();
            await Task.WhenAll(writers);

            // Every grain answers again (views of all silos converge within a refresh or two), and holds what was acknowledged.
            var unread = new ConcurrentDictionary<string, string>(acknowledged);
            await WaitUntilAsync(() =>
            {
                foreach (var (id, title) in unread)
                {
                    try
                    {
                        var job = client.GetGrain<IJobGrain>(id).Get().GetAwaiter().GetResult();
                        job.ShouldNotBeNull($"acknowledged job {id} was lost").Title.ShouldBe(title);
                        unread.TryRemove(id, out _);
                    }
                    catch (SiloUnavailableException)
                    {
                        return false;
                    }
                }

                return true;
            }, "every acknowledged job is readable", TimeSpan.FromSeconds(15));

            var dead = await database.CountAsync("SELECT count(*) FROM cluster_membership WHERE cluster_id = 'kill-test' AND status = 'Dead'");
            dead.ShouldBe(1L);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_silo_declared_dead_in_the_table_stops_and_exits_with_code_3()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await RunningSilo.StartAsync(
            "--zone", "a", "--port", "0", "--cluster-id", "fence-test", "--membership", "postgres", "--postgres", database.ConnectionString);

        // What the other silos' votes would write if they had lost sight of this one.
        var declared = await database.CountAsync(
            "WITH dead AS (UPDATE cluster_membership SET status = 'Dead' WHERE cluster_id = 'fence-test' RETURNING 1) SELECT count(*) FROM dead");
        declared.ShouldBe(1L);

        (await silo.WaitForExitAsync(TimeSpan.FromSeconds(20))).ShouldBe(3);
        silo.Output.ShouldContain("was declared dead by the cluster and stopped; restart it to rejoin as a new incarnation.");
    }

    [Fact]
    public async Task A_silo_stopped_with_SIGTERM_leaves_the_cluster_answers_its_calls_and_exits_0()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        string[] common = ["--port", "0", "--cluster-id", "sigterm-test", "--storage", "postgres", "--membership", "postgres", "--postgres", database.ConnectionString];
        await using var staying = await RunningSilo.StartAsync(["--zone", "a", .. common]);
        await using var leaving = await RunningSilo.StartAsync(["--zone", "b", .. common]);
        await using var client = await new ClusterClientBuilder()
            .AddGrains(typeof(MarketplaceGrains).Assembly)
            .UseGateways(staying.Gateway, leaving.Gateway)
            .Configure(options => options.ClusterId = "sigterm-test")
            .ConnectAsync();
        await WaitUntilAsync(() => client.ActiveSilos.Count == 2, "the client sees both silos");

        var failures = 0;
        var posted = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    await client.GetGrain<IJobGrain>($"sigterm-{worker}-{n}").Post(new JobDraft("Title", "Posted while a silo stops.", ["C#"], 40m, 60m, "client-1"));
                    Interlocked.Increment(ref posted);
                }
                catch (PlatformException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        await WaitUntilAsync(() => Volatile.Read(ref posted) >= 100, "jobs are being posted");
        leaving.Terminate();
        (await leaving.WaitForExitAsync(TimeSpan.FromSeconds(40))).ShouldBe(0, leaving.Output);
        var afterStop = Volatile.Read(ref posted);
        await WaitUntilAsync(() => Volatile.Read(ref posted) >= afterStop + 100, "posting goes on on the remaining silo");
        stop.Cancel();
        await Task.WhenAll(writers);

        failures.ShouldBe(0, "a graceful stop fails no call");
        var dead = await database.CountAsync("SELECT count(*) FROM cluster_membership WHERE cluster_id = 'sigterm-test' AND status = 'Dead' AND suspect_votes = '[]'::jsonb");
        dead.ShouldBe(1L, "the stopped silo left by itself, nobody had to vote it dead");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }
}
