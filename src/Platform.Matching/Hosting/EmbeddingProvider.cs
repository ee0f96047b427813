namespace Platform.Matching.Hosting;

/// <summary>Where embeddings come from (configuration key <c>Matching:Embeddings</c>).</summary>
public enum EmbeddingProvider
{
    /// <summary>Feature hashing in this process: no model, no network, words and word pairs only (docs/matching.md).</summary>
    Local,

    /// <summary>An OpenAI-compatible <c>/embeddings</c> endpoint, behind timeouts, retries and a circuit breaker.</summary>
    OpenAI,
}
