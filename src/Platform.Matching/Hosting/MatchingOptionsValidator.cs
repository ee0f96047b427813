using System.Globalization;
using Microsoft.Extensions.Options;

namespace Platform.Matching.Hosting;

/// <summary>
/// Refuses a configuration that would fail later, naming the key as it is spelled under <paramref name="sectionPath"/>.
/// The bounds of the resilience settings are Polly's own (a breaker needs two calls and half a second to judge), so a
/// bad value fails the start instead of the first embedding call.
/// </summary>
internal sealed class MatchingOptionsValidator(string sectionPath) : IValidateOptions<MatchingOptions>
{
    /// <summary>pgvector indexes <c>vector</c> columns of at most 2,000 dimensions with HNSW.</summary>
    public const int MaxDimensions = 2000;

    private static readonly TimeSpan MinimumBreakerWindow = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Dimensions is < 1 or > MaxDimensions)
        {
            failures.Add($"{Key("Dimensions")} must be between 1 and {MaxDimensions} (pgvector's HNSW limit); it is {options.Dimensions}.");
        }

        if (!Enum.IsDefined(options.Embeddings))
        {
            failures.Add($"{Key("Embeddings")} must be Local or OpenAI; it is {options.Embeddings}.");
        }

        if (options.Embeddings == EmbeddingProvider.OpenAI)
        {
            ValidateOpenAI(options.OpenAI, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateOpenAI(OpenAIEmbeddingOptions openAI, List<string> failures)
    {
        if (openAI.Endpoint is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            failures.Add($"{Key("OpenAI:Endpoint")} must be an absolute http or https address such as https://api.openai.com/v1; it is '{openAI.Endpoint}'.");
        }

        if (string.IsNullOrWhiteSpace(openAI.Model))
        {
            failures.Add($"{Key("OpenAI:Model")} must name the embedding model, e.g. text-embedding-3-small.");
        }

        if (string.IsNullOrWhiteSpace(openAI.ApiKey))
        {
            failures.Add($"{Key("OpenAI:ApiKey")} must be set (any non-empty value for a local server that ignores it).");
        }

        if (openAI.Timeout < TimeSpan.FromMilliseconds(10) || openAI.Timeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{Key("OpenAI:Timeout")} must be between 00:00:00.010 and 1.00:00:00; it is {openAI.Timeout}.");
        }

        if (openAI.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Key("OpenAI:MaxRetries")} must be between 0 and 10; it is {openAI.MaxRetries}.");
        }

        if (openAI.RetryDelay < TimeSpan.Zero || openAI.RetryDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Key("OpenAI:RetryDelay")} must be between 00:00:00 and 00:01:00; it is {openAI.RetryDelay}.");
        }

        if (!(openAI.FailureRatio > 0 && openAI.FailureRatio <= 1))
        {
            failures.Add($"{Key("OpenAI:FailureRatio")} must be greater than 0 and at most 1; it is {openAI.FailureRatio.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (openAI.MinimumThroughput < 2)
        {
            failures.Add($"{Key("OpenAI:MinimumThroughput")} must be at least 2; it is {openAI.MinimumThroughput}.");
        }

        if (openAI.SamplingDuration < MinimumBreakerWindow)
        {
            failures.Add($"{Key("OpenAI:SamplingDuration")} must be at least 00:00:00.5; it is {openAI.SamplingDuration}.");
        }

        if (openAI.BreakDuration < MinimumBreakerWindow)
        {
            failures.Add($"{Key("OpenAI:BreakDuration")} must be at least 00:00:00.5; it is {openAI.BreakDuration}.");
        }
    }

    private string Key(string key) => string.IsNullOrEmpty(sectionPath) ? key : $"{sectionPath}:{key}";
}
