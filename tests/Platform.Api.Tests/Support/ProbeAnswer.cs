using System.Net;

namespace Platform.Api.Tests.Support;

/// <summary>One answer <see cref="ApiProbes"/> got.</summary>
/// <param name="SentAt">When the request was sent, from the start of the probes.</param>
/// <param name="Status">0 when no answer came (the connection failed or the client gave up).</param>
/// <param name="Title">The problem document's title for an answer that is not a success; the reason when none came.</param>
public sealed record ProbeAnswer(TimeSpan SentAt, HttpStatusCode Status, TimeSpan Latency, TimeSpan? RetryAfter, string? Title);
