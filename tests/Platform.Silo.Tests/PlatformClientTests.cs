using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Platform.Client;
using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;

namespace Platform.Silo.Tests;

public sealed class PlatformClientTests
{
    public static TheoryData<Action<PlatformClientOptions>, string> InvalidOptions => new()
    {
        { _ => { }, "PlatformClientOptions: give Gateways (e.g. 127.0.0.1:30000) or PostgresConnectionString to find the cluster." },
        {
            o => { o.Gateways.Add("127.0.0.1:30000"); o.PostgresConnectionString = "Host=db"; },
            "PlatformClientOptions: give either Gateways or PostgresConnectionString, not both."
        },
        {
            o => { o.Gateways.Add("127.0.0.1:30000"); o.Gateways.Add("silo-a"); },
            "PlatformClientOptions.Gateways[1] 'silo-a' is not address:port with an IP address and a port from 1 to 65535, e.g. 127.0.0.1:30000."
        },
        {
            o => o.Gateways.Add("127.0.0.1:0"),
            "PlatformClientOptions.Gateways[0] '127.0.0.1:0' is not address:port with an IP address and a port from 1 to 65535, e.g. 127.0.0.1:30000."
        },
        {
            o => { o.Gateways.Add("localhost:30000"); o.ClusterId = " "; o.ResponseTimeout = TimeSpan.Zero; },
            "PlatformClientOptions.ClusterId must not be empty.; PlatformClientOptions.ResponseTimeout must be greater than zero; it is 00:00:00."
        },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void AddPlatformClient_refuses_incomplete_or_malformed_options_naming_each_value(Action<PlatformClientOptions> configure, string message)
    {
        var builder = Host.CreateApplicationBuilder();

        Should.Throw<OptionsValidationException>(() => builder.AddPlatformClient(configure)).Message.ShouldBe(message);
    }

    [Fact]
    public void The_callers_response_timeout_and_cluster_ids_reach_orleans()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddPlatformClient(options =>
        {
            options.Gateways.Add("127.0.0.1:30000");
            options.ClusterId = "prod";
            options.ServiceId = "market";
            options.ResponseTimeout = TimeSpan.FromSeconds(4);
        });
        using var host = builder.Build();

        host.Services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout.ShouldBe(TimeSpan.FromSeconds(4));
        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        (cluster.ClusterId, cluster.ServiceId).ShouldBe(("prod", "market"));
        host.Services.GetService<IClusterClient>().ShouldNotBeNull();
    }

    [Fact]
    public async Task A_client_reaches_the_grains_of_a_silo_process_through_its_gateway()
    {
        await using var silo = await SiloProcess.StartAsync(["--port", "0", "--gateway-port", "0", "--cluster-id", "client-test"]);
        var builder = Host.CreateApplicationBuilder();
        builder.AddPlatformClient(options =>
        {
            options.ClusterId = "client-test";
            options.Gateways.Add(silo.Gateway);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IClusterClient>();
            var ada = grains.GetGrain<IFreelancerGrain>("acme/ada");
            var shift = DateTimeOffset.UtcNow.AddDays(1);
            await ada.UpdateProfile(new FreelancerProfileUpdate(
                "Ada", "Developer", "", "ada@example.org", ["C#"], [], 50m, "EUR", 0, 0, [new AvailabilityWindow(shift.AddDays(-1), shift.AddDays(1))]));
            var job = grains.GetGrain<IJobGrain>("acme/client-job");
            await job.SaveDraft(new JobDraft("Through the gateway", "", ["C#"], [], shift, shift.AddHours(8), 0, 0, 10, 40m, 60m, "EUR", "client-1"));
            await job.Publish();
            await ada.Apply("acme/client-job", "");
            await job.MakeOffer("acme/ada", 50m);

            var assigned = await ada.AcceptOffer("acme/client-job");

            assigned.Status.ShouldBe(JobStatus.Filled);
            (await ada.GetAssignedJobs()).ShouldBe(["acme/client-job"]);
            await job.Start();
            await job.Complete();
            var refused = await Should.ThrowAsync<InvalidOperationException>(() => job.MakeOffer("acme/ada", 50m));
            refused.Message.ShouldBe("Cannot MakeOffer job 'acme/client-job': it is Completed; MakeOffer is allowed only from Open.");
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
