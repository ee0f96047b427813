using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Platform.Client;
using Platform.Grains.Jobs;

namespace Platform.Silo.Tests.Tls;

/// <summary>
/// Silo processes with mutual TLS on PostgreSQL: they admit each other and form a cluster, and keep a silo with a
/// certificate of another authority out. Each test has a database and silos of its own.
/// </summary>
public sealed class MutualTlsClusterTests(TlsCertificates certificates) : IClassFixture<TlsCertificates>
{
    [Fact]
    public async Task Two_silos_with_mutual_tls_form_a_cluster_and_a_client_with_a_certificate_of_the_cluster_calls_grains_on_both()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var tls = TlsCertificates.SiloArguments(certificates.Silo, certificates.Authority);
        await using var a = await SiloProcess.StartAsync([.. SiloArguments("tls-pair", "a", database), .. tls]);
        await using var b = await SiloProcess.StartAsync([.. SiloArguments("tls-pair", "b", database), .. tls]);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddPlatformClient(options =>
        {
            options.ClusterId = "tls-pair";
            options.PostgresConnectionString = database.ConnectionString;
            options.Tls = TlsCertificates.ClientOptions(certificates.Client, certificates.Authority);

            // Latency is not what this test is about: a machine busy with the other tests' silos must not fail a call.
            options.ResponseTimeout = TimeSpan.FromSeconds(30);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            (await database.CountAsync("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'tls-pair' AND status = 3"))
                .ShouldBe(2L, "both silos are Active: the second reached the first over TLS before it joined");
            var grains = host.Services.GetRequiredService<IClusterClient>();
            var shift = DateTimeOffset.UtcNow.AddDays(1);
            var placedOn = new HashSet<SiloAddress>();
            for (var i = 0; i < 20; i++)
            {
                var job = grains.GetGrain<IJobGrain>($"acme/tls-{i}");
                await job.SaveDraft(new JobDraft($"Job {i}", "", ["C#"], [], shift, shift.AddHours(8), 0, 0, 10, 40m, 60m, "EUR", "client-1"));
                (await job.Publish()).Status.ShouldBe(JobStatus.Open);
                placedOn.Add(await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(job) ?? throw new InvalidOperationException($"acme/tls-{i} has no activation"));
            }

            placedOn.Count.ShouldBe(2, "the jobs' activations are spread over both silos, reached through either gateway over TLS");
            foreach (var silo in new[] { a, b })
            {
                silo.Output.ShouldContain("mutual TLS as CN=silo until ");
                silo.Output.ShouldNotContain("Refused the TLS certificate", customMessage: "no silo or client of the cluster was refused");
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_silo_with_a_certificate_of_another_authority_is_not_admitted_to_the_cluster()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var member = await SiloProcess.StartAsync(
            [.. SiloArguments("tls-intruder", "a", database), .. TlsCertificates.SiloArguments(certificates.Silo, certificates.Authority)]);

        // It trusts the cluster's authority too: only the cluster's refusal of its certificate keeps it out.
        await using var intruder = RunningSilo.Launch(
            [.. SiloArguments("tls-intruder", "b", database), .. TlsCertificates.SiloArguments(certificates.OtherAuthoritySilo, certificates.BothAuthorities)]);

        // Generous bounds: before it dials, the intruder starts like any silo, which takes seconds on a quiet machine and
        // can take a minute on one busy with other tests' silos.
        await member.WaitForOutputAsync(
            "Refused the TLS certificate of a silo connecting to this silo: CN=other-silo issued by CN=Another CA", TimeSpan.FromSeconds(120));
        await intruder.WaitForOutputAsync("Failed to get ping responses from 1 of 1 active silos", TimeSpan.FromSeconds(120));
        intruder.IsReady.ShouldBeFalse("a silo that cannot reach every active silo never joins");
        (await database.CountAsync("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'tls-intruder' AND status = 3"))
            .ShouldBe(1L, "only the cluster's own silo is Active");
        (await database.CountAsync("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'tls-intruder' AND status = 3 AND port = $1",
            int.Parse(member.SiloEndpoint[(member.SiloEndpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture))).ShouldBe(1L);
    }

    private static string[] SiloArguments(string clusterId, string zone, PostgresServer.Database database) =>
        ["--port", "0", "--gateway-port", "0", "--http-port", "none", "--cluster-id", clusterId, "--zone", zone, "--storage", "postgres", "--postgres", database.ConnectionString];
}
