using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Embeddings;
using Platform.Matching.Hosting;

namespace Platform.Matching.Embeddings;

/// <summary>Builds the OpenAI-compatible generator (Microsoft.Extensions.AI.OpenAI) behind the platform's resilience.</summary>
internal static class OpenAIEmbeddingGeneratorFactory
{
    public static IEmbeddingGenerator<string, Embedding<float>> Create(
        OpenAIEmbeddingOptions options,
        int dimensions,
        string sectionPath,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Endpoint ?? throw new ArgumentException("The OpenAI endpoint is required.", nameof(options));

        // Timeouts and retries belong to the Polly pipeline alone: the HttpClient and the SDK would otherwise add their
        // own (100 s, 3 retries) beneath it, multiplying attempts and hiding which limit fired.
        var httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(httpClient),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var client = new EmbeddingClient(options.Model, new ApiKeyCredential(options.ApiKey ?? string.Empty), clientOptions);
        return new ResilientEmbeddingGenerator(
            client.AsIEmbeddingGenerator(dimensions),
            httpClient,
            options,
            dimensions,
            sectionPath,
            timeProvider,
            loggerFactory.CreateLogger<ResilientEmbeddingGenerator>());
    }
}
