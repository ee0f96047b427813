namespace Platform.Matching.Hosting;

/// <summary>
/// The matching configuration (section <c>Matching</c> by convention; see docs/matching.md). Validated when the host
/// starts: a bad value stops the start with a message that names the key.
/// </summary>
public sealed class MatchingOptions
{
    /// <summary>Length of every embedding: what the generator produces and what the index stores. 1,536 by default
    /// (OpenAI's text-embedding-3-small); at most 2,000, pgvector's limit for an HNSW index on <c>vector</c>.</summary>
    public int Dimensions { get; set; } = 1536;

    /// <summary>Which generator embeds texts: the local feature hashing (default) or an OpenAI-compatible service.</summary>
    public EmbeddingProvider Embeddings { get; set; } = EmbeddingProvider.Local;

    /// <summary>The OpenAI-compatible service, read only when <see cref="Embeddings"/> is <see cref="EmbeddingProvider.OpenAI"/>.</summary>
    public OpenAIEmbeddingOptions OpenAI { get; set; } = new();
}
