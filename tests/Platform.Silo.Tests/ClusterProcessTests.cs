using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Client;
using Platform.Grains.Jobs;

namespace Platform.Silo.Tests;

/// <summary>Silo processes whose membership and state are in PostgreSQL, as scripts/cluster.sh and the k8s manifests run them.</summary>
public sealed class ClusterProcessTests
{
    [Fact]
    public async Task A_silo_declared_dead_in_the_membership_table_stops_and_exits_with_code_3()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(
            ["--port", "0", "--gateway-port", "0", "--cluster-id", "fence-test", "--storage", "postgres", "--postgres", database.ConnectionString,
             "--table-refresh", "00:00:01"]);

        // What the other silos' votes would write if they had lost sight of this one (Orleans' SiloStatus.Dead is 6).
        var declared = await database.CountAsync(
            """
            WITH dead AS (UPDATE orleans_membership SET status = 6 WHERE deployment_id = 'fence-test' RETURNING 1),
                 bumped AS (UPDATE orleans_membership_versions SET version = version + 1 WHERE deployment_id = 'fence-test' RETURNING 1)
            SELECT (SELECT count(*) FROM dead) + 0 * (SELECT count(*) FROM bumped)
            """);
        declared.ShouldBe(1L);

        (await silo.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(3, silo.Output);
        silo.Output.ShouldContain("Platform.Silo: the cluster declared this silo dead and it stopped; restart it to rejoin as a new incarnation");
    }

    [Fact]
    public async Task Two_silos_in_two_zones_form_a_cluster_a_client_finds_through_the_membership_table()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        string[] common = ["--port", "0", "--gateway-port", "0", "--cluster-id", "pair-test", "--storage", "postgres", "--postgres", database.ConnectionString];
        await using var a = await SiloProcess.StartAsync(["--zone", "a", .. common]);
        await using var b = await SiloProcess.StartAsync(["--zone", "b", .. common]);
        (await database.CountAsync("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'pair-test' AND status = 3")).ShouldBe(2L);

        var builder = Host.CreateApplicationBuilder();
        builder.AddPlatformClient(options =>
        {
            options.ClusterId = "pair-test";
            options.PostgresConnectionString = database.ConnectionString;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        for (var i = 0; i < 20; i++)
        {
            var job = grains.GetGrain<IJobGrain>($"acme/pair-{i}");
            var shift = DateTimeOffset.UtcNow.AddDays(1);
            await job.SaveDraft(new JobDraft($"Job {i}", "", ["C#"], [], shift, shift.AddHours(8), 0, 0, 10, 40m, 60m, "EUR", "client-1"));
            (await job.Publish()).Status.ShouldBe(JobStatus.Open);
        }

        await host.StopAsync();
        b.Terminate();
        (await b.WaitForExitAsync(TimeSpan.FromSeconds(45))).ShouldBe(0, b.Output);
        (await database.CountAsync("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'pair-test' AND status = 6")).ShouldBe(1L, "a graceful stop marks the silo Dead itself");
    }
}
