using System.ClientModel;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Platform.Matching.Hosting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Platform.Matching.Embeddings;

/// <summary>
/// Runs a remote embedding generator behind a Polly pipeline: retry (outermost), circuit breaker, then a timeout per
/// attempt, so the breaker counts every failed attempt, a retry never waits on a hung request, and an open circuit
/// fails the call at once instead of spending its retries. Failures surface as <see cref="EmbeddingServiceException"/>
/// with a message that names the endpoint, what went wrong and how many attempts were made.
/// </summary>
internal sealed partial class ResilientEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    // Retry-After beyond this is not worth blocking a matching query for: the call fails and the breaker takes over.
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(30);

    private readonly ResiliencePipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly int _dimensions;
    private readonly TimeSpan _timeout;
    private readonly string _timeoutKey;
    private readonly ILogger _logger;
    private readonly IDisposable? _transport;

    /// <param name="transport">What the inner generator sends through (its HttpClient), disposed with this generator.</param>
    public ResilientEmbeddingGenerator(
        IEmbeddingGenerator<string, Embedding<float>> inner,
        IDisposable? transport,
        OpenAIEmbeddingOptions options,
        int dimensions,
        string sectionPath,
        TimeProvider timeProvider,
        ILogger<ResilientEmbeddingGenerator> logger)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = options.Endpoint ?? throw new ArgumentException("The OpenAI endpoint is required.", nameof(options));
        _dimensions = dimensions;
        _timeout = options.Timeout;
        _timeoutKey = string.IsNullOrEmpty(sectionPath) ? "OpenAI:Timeout" : $"{sectionPath}:OpenAI:Timeout";
        _logger = logger;
        _transport = transport;
        _pipeline = BuildPipeline(options, timeProvider);
    }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyCollection<string> ?? values.ToArray();
        var attempts = 0;
        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await _pipeline.ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref attempts);
                    return await base.GenerateAsync(inputs, options, token);
                },
                cancellationToken);
        }
        catch (Exception error) when (Describe(error, attempts, cancellationToken) is { } failure)
        {
            throw failure;
        }

        var expected = options?.Dimensions ?? _dimensions;
        if (embeddings.Count != inputs.Count)
        {
            throw new EmbeddingServiceException(
                $"The embedding service at {_endpoint} returned {embeddings.Count} embeddings for {inputs.Count} texts.") { Attempts = attempts };
        }

        foreach (var embedding in embeddings)
        {
            if (embedding.Vector.Length != expected)
            {
                throw new EmbeddingServiceException(
                    $"The embedding service at {_endpoint} returned {embedding.Vector.Length}-dimensional embeddings; {expected} are configured "
                    + "(Matching:Dimensions): choose a model that supports that many dimensions or change the setting.") { Attempts = attempts };
            }
        }

        return embeddings;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _transport?.Dispose();
        }
    }

    /// <summary>The failures worth another attempt: no answer in time, no connection, throttling, and server errors.</summary>
    internal static bool IsTransient(Exception? error) => error switch
    {
        TimeoutRejectedException => true,
        HttpRequestException => true,
        ClientResultException { Status: 0 } => true,
        ClientResultException { Status: 408 or 429 or >= 500 } => true,
        _ => false,
    };

    private ResiliencePipeline BuildPipeline(OpenAIEmbeddingOptions options, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = arguments => ValueTask.FromResult(IsTransient(arguments.Outcome.Exception)),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = arguments => ValueTask.FromResult(RetryAfter(arguments.Outcome.Exception)),
                OnRetry = arguments =>
                {
                    LogRetry(arguments.AttemptNumber + 1, arguments.RetryDelay, Summary(arguments.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = arguments => ValueTask.FromResult(IsTransient(arguments.Outcome.Exception)),
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            OnOpened = arguments =>
            {
                LogCircuitOpened(arguments.BreakDuration, Summary(arguments.Outcome.Exception));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                LogCircuitClosed();
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(options.Timeout);
        return builder.Build();
    }

    /// <summary>The server's Retry-After (seconds or a date), when it sent one we are willing to wait for; else the back-off.</summary>
    private static TimeSpan? RetryAfter(Exception? error)
    {
        if (error is not ClientResultException { Status: 429 or 503 } result
            || result.GetRawResponse()?.Headers is not { } headers
            || !headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }

        if (int.TryParse(value, out var seconds) && seconds >= 0)
        {
            var delay = TimeSpan.FromSeconds(seconds);
            return delay <= LongestRetryAfter ? delay : null;
        }

        return null;
    }

    private EmbeddingServiceException? Describe(Exception error, int attempts, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && error is OperationCanceledException)
        {
            // The caller gave up: that is not the service's failure.
            return null;
        }

        var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        return error switch
        {
            TimeoutRejectedException => new EmbeddingServiceException(
                $"The embedding service at {_endpoint} did not answer within {_timeout} ({_timeoutKey}); gave up after {tries}.", error)
            {
                Attempts = attempts,
            },
            BrokenCircuitException broken => new EmbeddingServiceException(
                $"The embedding service at {_endpoint} is failing: its circuit breaker is open after repeated failures and refused the call "
                + $"without sending it{(broken.RetryAfter is { } after ? $"; it lets a trial call through in {after}" : string.Empty)}.",
                error)
            {
                Attempts = attempts,
            },
            ClientResultException { Status: > 0 } result => new EmbeddingServiceException(
                $"The embedding service at {_endpoint} answered {result.Status} ({(HttpStatusCode)result.Status})"
                + $"{(IsTransient(result) ? $"; gave up after {tries}" : ", which is not retried")}: {Excerpt(result.GetRawResponse()?.Content?.ToString())}",
                error)
            {
                StatusCode = result.Status,
                Attempts = attempts,
            },
            ClientResultException or HttpRequestException => new EmbeddingServiceException(
                $"The embedding service at {_endpoint} could not be reached; gave up after {tries}: {(error.InnerException ?? error).Message}", error)
            {
                Attempts = attempts,
            },
            JsonException or FormatException or InvalidOperationException or KeyNotFoundException => new EmbeddingServiceException(
                $"The embedding service at {_endpoint} answered with a body that is not an embeddings response, which is not retried: {error.Message}",
                error)
            {
                Attempts = attempts,
            },
            _ => null,
        };
    }

    private static string Summary(Exception? error) => error switch
    {
        null => "no exception",
        ClientResultException { Status: > 0 } result => $"HTTP {result.Status}",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    private static string Excerpt(string? body)
    {
        const int length = 200;
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(empty body)";
        }

        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= length ? line : line[..length] + "...";
    }

    [LoggerMessage(1, LogLevel.Warning, "Embedding call failed ({Failure}); attempt {Attempt} follows in {Delay}")]
    private partial void LogRetry(int attempt, TimeSpan delay, string failure);

    [LoggerMessage(2, LogLevel.Error, "Embedding service circuit opened for {BreakDuration} after {Failure}")]
    private partial void LogCircuitOpened(TimeSpan breakDuration, string failure);

    [LoggerMessage(3, LogLevel.Information, "Embedding service circuit closed: calls go through again")]
    private partial void LogCircuitClosed();
}
