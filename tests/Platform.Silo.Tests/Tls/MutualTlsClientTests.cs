using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Platform.Client;
using Platform.Grains.Jobs;

namespace Platform.Silo.Tests.Tls;

/// <summary>
/// A gateway with mutual TLS serves a client with a certificate of the cluster's authority, and refuses, during the TLS
/// handshake, every client without one.
/// </summary>
public sealed class MutualTlsClientTests(MutualTlsSilo gateway) : IClassFixture<MutualTlsSilo>
{
    public static TheoryData<string> RefusedClients => new() { "plain TCP", "TLS without a certificate", "another authority", "expired" };

    [Fact]
    public async Task A_client_with_a_certificate_of_the_cluster_calls_grains_through_the_gateway()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddPlatformClient(options =>
        {
            options.ClusterId = MutualTlsSilo.ClusterId;
            options.Gateways.Add(gateway.Silo.Gateway);
            options.Tls = TlsCertificates.ClientOptions(gateway.Certificates.Client, gateway.Certificates.Authority);

            // Latency is not what this test is about: a machine busy with the other tests' silos must not fail a call.
            options.ResponseTimeout = TimeSpan.FromSeconds(30);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var job = host.Services.GetRequiredService<IClusterClient>().GetGrain<IJobGrain>("acme/over-tls");
            var shift = DateTimeOffset.UtcNow.AddDays(1);
            await job.SaveDraft(new JobDraft("Over TLS", "", ["C#"], [], shift, shift.AddHours(8), 0, 0, 10, 40m, 60m, "EUR", "client-1"));

            (await job.Publish()).Status.ShouldBe(JobStatus.Open);
            gateway.Silo.Output.ShouldContain("mutual TLS as CN=silo until ");
            gateway.Silo.Output.ShouldNotContain(": CN=client issued", customMessage: "the cluster's client was not refused");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Theory]
    [MemberData(nameof(RefusedClients))]
    public async Task A_client_without_a_certificate_of_the_cluster_is_refused_during_the_handshake_and_never_connects(string client)
    {
        var silo = gateway.Silo;
        var before = silo.Output.Length;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleansClient(orleans =>
        {
            orleans.UseStaticClustering(IPEndPoint.Parse(silo.Gateway));
            orleans.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (MutualTlsSilo.ClusterId, "platform"));

            // Orleans' own TLS, trusting any silo: only the silo's judgement of the client's certificate is tested.
            switch (client)
            {
                case "TLS without a certificate":
                    orleans.UseTls(options => options.AllowAnyRemoteCertificate());
                    break;
                case "another authority":
                    orleans.UseTls(TlsCertificates.Load(gateway.Certificates.OtherAuthorityClient), options => options.AllowAnyRemoteCertificate());
                    break;
                case "expired":
                    orleans.UseTls(TlsCertificates.Load(gateway.Certificates.ExpiredClient), options => options.AllowAnyRemoteCertificate());
                    break;
            }
        });
        using var host = builder.Build();
        var (refusal, reason) = client switch
        {
            "plain TCP" => ("Authentication failed", "Cannot determine the frame size or a corrupted frame was received."),
            "TLS without a certificate" => ("Authentication failed", "The remote certificate was rejected by the provided RemoteCertificateValidationCallback."),
            "another authority" => ("Refused the TLS certificate of a client connecting to this gateway: CN=other-client issued by CN=Another CA", "PartialChain"),
            _ => ("Refused the TLS certificate of a client connecting to this gateway: CN=expired-client issued by CN=Platform test CA", "NotTimeValid"),
        };

        // Orleans' client tries a refused gateway again for three minutes before it fails; once the silo has refused its
        // handshake the test gives up for it, and the start, still waiting for a connection, ends cancelled: no grain call
        // of this client can have been sent.
        using var giveUp = new CancellationTokenSource();
        var start = host.StartAsync(giveUp.Token);
        await silo.WaitForOutputAsync(refusal, TimeSpan.FromSeconds(30), before);
        giveUp.Cancel();

        await Should.ThrowAsync<TaskCanceledException>(start);
        var line = silo.Output[before..].Split('\n').First(line => line.Contains(refusal, StringComparison.Ordinal));
        line.ShouldContain(reason, customMessage: line);
        if (client == "TLS without a certificate")
        {
            silo.Output[before..].ShouldNotContain("Refused the TLS certificate", customMessage: "the client presented none to judge");
        }
    }
}
