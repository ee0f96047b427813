namespace Platform.Matching.Embeddings;

/// <summary>
/// The embedding service could not produce embeddings: it timed out, answered with an error or a malformed body, or is
/// failing so often that its circuit breaker refuses calls. The message says which, with the endpoint and the attempts
/// made; the inner exception is what the last attempt saw.
/// </summary>
public sealed class EmbeddingServiceException : Exception
{
    public EmbeddingServiceException()
    {
    }

    public EmbeddingServiceException(string message)
        : base(message)
    {
    }

    public EmbeddingServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the last answer, or null when there was none (timeout, no connection, open circuit).</summary>
    public int? StatusCode { get; init; }

    /// <summary>How many requests this call sent (0 when the open circuit refused it).</summary>
    public int Attempts { get; init; }
}
