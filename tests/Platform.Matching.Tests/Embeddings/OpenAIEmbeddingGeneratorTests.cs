using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Platform.Matching.Embeddings;
using Platform.Matching.Hosting;
using Platform.Matching.Tests.Support;

namespace Platform.Matching.Tests.Embeddings;

/// <summary>
/// The OpenAI connector (Microsoft.Extensions.AI.OpenAI behind Polly) against a fake OpenAI-compatible server on
/// loopback: what it sends, which failures it retries, its timeout, its circuit breaker, and the errors it surfaces.
/// </summary>
public sealed class OpenAIEmbeddingGeneratorTests : IAsyncLifetime
{
    private const int Dimensions = 8;

    private FakeEmbeddingServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeEmbeddingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_healthy_service_returns_one_embedding_per_text_with_the_configured_model_dimensions_and_key()
    {
        using var generator = Create();

        var embeddings = await generator.GenerateAsync(["plumber", "electrician"]);

        embeddings.Count.ShouldBe(2);
        embeddings[0].Vector.ToArray().ShouldBe(Unit("plumber".Length));
        embeddings[1].Vector.ToArray().ShouldBe(Unit("electrician".Length));
        var request = _server.Requests.ShouldHaveSingleItem();
        request["model"]!.GetValue<string>().ShouldBe("text-embedding-3-small");
        request["dimensions"]!.GetValue<int>().ShouldBe(Dimensions);
        _server.Authorizations.ShouldHaveSingleItem().ShouldBe("Bearer test-key");
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_service_answers()
    {
        _server.Answers(FakeAnswer.ServiceUnavailable, FakeAnswer.ServiceUnavailable, FakeAnswer.Embeddings);
        using var generator = Create(options => options.MaxRetries = 2);

        var embedding = await generator.GenerateVectorAsync("plumber");

        embedding.ToArray().ShouldBe(Unit("plumber".Length));
        _server.RequestCount.ShouldBe(3);
    }

    [Fact]
    public async Task Persistent_server_errors_fail_after_the_last_retry_with_the_status_and_attempts_named()
    {
        _server.Answers(FakeAnswer.ServiceUnavailable);
        using var generator = Create(options => options.MaxRetries = 2);

        var error = await Should.ThrowAsync<EmbeddingServiceException>(() => generator.GenerateVectorAsync("plumber"));

        error.Message.ShouldBe(
            $"The embedding service at {_server.Endpoint} answered 503 (ServiceUnavailable); gave up after 3 attempts: "
            + """{"error":{"message":"The server is overloaded.","type":"overloaded","code":"overloaded"}}""");
        error.StatusCode.ShouldBe(503);
        error.Attempts.ShouldBe(3);
        _server.RequestCount.ShouldBe(3);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_server_s_retry_after()
    {
        _server.Answers(FakeAnswer.TooManyRequests, FakeAnswer.Embeddings);
        using var generator = Create(options => options.MaxRetries = 1);

        (await generator.GenerateVectorAsync("plumber")).Length.ShouldBe(Dimensions);

        _server.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_hung_attempt_is_abandoned_at_the_timeout_and_retried()
    {
        _server.Answers(FakeAnswer.Hang, FakeAnswer.Embeddings);
        using var generator = Create(options =>
        {
            options.MaxRetries = 1;
            // Long enough for a request to reach the local server on a loaded machine; the hung answer never comes.
            options.Timeout = TimeSpan.FromSeconds(2);
        });

        (await generator.GenerateVectorAsync("plumber")).Length.ShouldBe(Dimensions);

        _server.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_service_that_never_answers_fails_with_the_timeout_named()
    {
        _server.Answers(FakeAnswer.Hang);
        using var generator = Create(options =>
        {
            options.MaxRetries = 1;
            // Long enough for a request to reach the local server on a loaded machine; the hung answer never comes.
            options.Timeout = TimeSpan.FromSeconds(2);
        });

        var error = await Should.ThrowAsync<EmbeddingServiceException>(() => generator.GenerateVectorAsync("plumber"));

        error.Message.ShouldBe(
            $"The embedding service at {_server.Endpoint} did not answer within 00:00:02 (Matching:OpenAI:Timeout); gave up after 2 attempts.");
        error.Attempts.ShouldBe(2);
        _server.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_malformed_body_is_reported_as_such_and_not_retried()
    {
        _server.Answers(FakeAnswer.MalformedJson);
        using var generator = Create(options => options.MaxRetries = 2);

        var error = await Should.ThrowAsync<EmbeddingServiceException>(() => generator.GenerateVectorAsync("plumber"));

        error.Message.ShouldStartWith(
            $"The embedding service at {_server.Endpoint} answered with a body that is not an embeddings response, which is not retried: ");
        error.Attempts.ShouldBe(1);
        _server.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        _server.Answers(FakeAnswer.BadRequest);
        using var generator = Create(options => options.MaxRetries = 2);

        var error = await Should.ThrowAsync<EmbeddingServiceException>(() => generator.GenerateVectorAsync("plumber"));

        error.Message.ShouldBe(
            $"The embedding service at {_server.Endpoint} answered 400 (BadRequest), which is not retried: "
            + """{"error":{"message":"Unknown model.","type":"invalid_request_error","code":"invalid_request_error"}}""");
        _server.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_which_refuses_calls_until_the_break_ends_and_a_success_closes_it()
    {
        var time = new FakeTimeProvider();
        _server.Answers(FakeAnswer.ServiceUnavailable);
        using var generator = Create(
            options =>
            {
                options.MaxRetries = 0;
                options.MinimumThroughput = 2;
                options.FailureRatio = 0.5;
                options.BreakDuration = TimeSpan.FromSeconds(30);
            },
            time);

        // Two failures in the sampling window: the breaker opens.
        await Should.ThrowAsync<EmbeddingServiceException>(() => generator.GenerateVectorAsync("plumber"));
        await Should.ThrowAsync<EmbeddingServiceException>(() => generator.GenerateVectorAsync("plumber"));
        _server.Answers(FakeAnswer.Embeddings);

        var refused = await Should.ThrowAsync<EmbeddingServiceException>(() => generator.GenerateVectorAsync("plumber"));
        refused.Message.ShouldBe(
            $"The embedding service at {_server.Endpoint} is failing: its circuit breaker is open after repeated failures and refused the call "
            + "without sending it; it lets a trial call through in 00:00:30.");
        refused.Attempts.ShouldBe(0);
        _server.RequestCount.ShouldBe(2);

        time.Advance(TimeSpan.FromSeconds(29));
        await Should.ThrowAsync<EmbeddingServiceException>(() => generator.GenerateVectorAsync("plumber"));
        _server.RequestCount.ShouldBe(2);

        // The break is over: one trial call goes through, succeeds and closes the circuit for the calls after it.
        time.Advance(TimeSpan.FromSeconds(1));
        (await generator.GenerateVectorAsync("plumber")).Length.ShouldBe(Dimensions);
        (await generator.GenerateVectorAsync("electrician")).Length.ShouldBe(Dimensions);
        _server.RequestCount.ShouldBe(4);
    }

    private IEmbeddingGenerator<string, Embedding<float>> Create(Action<OpenAIEmbeddingOptions>? change = null, TimeProvider? time = null)
    {
        var options = new OpenAIEmbeddingOptions
        {
            Endpoint = _server.Endpoint,
            ApiKey = "test-key",
            Timeout = TimeSpan.FromSeconds(10),
            RetryDelay = TimeSpan.Zero,

            // Out of the way unless a test is about the breaker.
            MinimumThroughput = 100,
        };
        change?.Invoke(options);
        return OpenAIEmbeddingGeneratorFactory.Create(options, Dimensions, "Matching", time ?? TimeProvider.System, NullLoggerFactory.Instance);
    }

    private static float[] Unit(int length)
    {
        var vector = new float[Dimensions];
        vector[length % Dimensions] = 1;
        return vector;
    }
}
