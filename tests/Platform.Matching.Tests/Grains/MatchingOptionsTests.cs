using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Matching.Hosting;

namespace Platform.Matching.Tests.Grains;

public sealed class MatchingOptionsTests
{
    [Fact]
    public async Task A_bad_configuration_stops_the_silo_start_with_every_bad_key_named()
    {
        using var host = BuildSilo(new Dictionary<string, string?>
        {
            ["Matching:Dimensions"] = "4096",
            ["Matching:Embeddings"] = "OpenAI",
            ["Matching:OpenAI:Endpoint"] = "/v1",
            ["Matching:OpenAI:Timeout"] = "00:00:00",
            ["Matching:OpenAI:MaxRetries"] = "11",
            ["Matching:OpenAI:FailureRatio"] = "1.5",
            ["Matching:OpenAI:MinimumThroughput"] = "1",
            ["Matching:OpenAI:BreakDuration"] = "00:00:00.1",
        });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Failures.ShouldBe(
        [
            "Matching:Dimensions must be between 1 and 2000 (pgvector's HNSW limit); it is 4096.",
            "Matching:OpenAI:Endpoint must be an absolute http or https address such as https://api.openai.com/v1; it is '/v1'.",
            "Matching:OpenAI:ApiKey must be set (any non-empty value for a local server that ignores it).",
            "Matching:OpenAI:Timeout must be between 00:00:00.010 and 1.00:00:00; it is 00:00:00.",
            "Matching:OpenAI:MaxRetries must be between 0 and 10; it is 11.",
            "Matching:OpenAI:FailureRatio must be greater than 0 and at most 1; it is 1.5.",
            "Matching:OpenAI:MinimumThroughput must be at least 2; it is 1.",
            "Matching:OpenAI:BreakDuration must be at least 00:00:00.5; it is 00:00:00.1000000.",
        ]);
    }

    [Fact]
    public void The_defaults_are_local_embeddings_of_1536_dimensions()
    {
        var options = new MatchingOptions();
        var result = new MatchingOptionsValidator("Matching").Validate(null, options);

        result.Succeeded.ShouldBeTrue();
        options.Dimensions.ShouldBe(1536);
        options.Embeddings.ShouldBe(EmbeddingProvider.Local);
    }

    private static IHost BuildSilo(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            // Validation runs before the silo listens; free ports keep a colleague's silo out of the way all the same.
            silo.UseLocalhostClustering(FreePort(), FreePort());
            silo.AddPlatformMatching(builder.Configuration.GetSection("Matching"));
        });
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
