namespace Platform.Api.Hosting;

/// <summary>
/// How many requests one API instance works on at once (section <c>Api:Concurrency</c>). Past the limit a request waits
/// in a bounded queue for at most <see cref="QueueTimeout"/>, then gets 503 with Retry-After: an overloaded instance
/// answers fast and keeps the requests it admitted within their deadline, instead of queueing without bound.
/// </summary>
public sealed class ConcurrencyOptions
{
    /// <summary>Requests in progress at once. Each waits on grain calls most of its time, so this is far above the core count.</summary>
    public int MaxRequests { get; set; } = 512;

    /// <summary>Requests that may wait for a free place; more are refused at once.</summary>
    public int QueueLimit { get; set; } = 1024;

    /// <summary>How long a request may wait in the queue: a small part of <see cref="ApiOptions.GrainCallTimeout"/>.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
