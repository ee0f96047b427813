namespace Platform.Matching.Hosting;

/// <summary>
/// An OpenAI-compatible embeddings endpoint (<c>Matching:OpenAI:*</c>) and the resilience around each call: every
/// attempt has <see cref="Timeout"/>; failed attempts that may succeed later (timeouts, 408, 429, 5xx, no connection) are
/// retried <see cref="MaxRetries"/> times with exponential back-off from <see cref="RetryDelay"/> (or the server's
/// Retry-After); when at least <see cref="FailureRatio"/> of the attempts in <see cref="SamplingDuration"/> failed (and
/// there were at least <see cref="MinimumThroughput"/>), the circuit opens and calls fail at once for
/// <see cref="BreakDuration"/>, after which one trial call decides whether it closes again.
/// </summary>
public sealed class OpenAIEmbeddingOptions
{
    /// <summary>The API base address, e.g. <c>https://api.openai.com/v1</c>; requests go to <c>{Endpoint}/embeddings</c>.</summary>
    public Uri? Endpoint { get; set; }

    public string Model { get; set; } = "text-embedding-3-small";

    /// <summary>Sent as the bearer token. Keep it out of files: set <c>Matching__OpenAI__ApiKey</c> in the environment.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one attempt may take before it is abandoned (and retried).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off; later ones double, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
