using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Matching.Tests.Support;

/// <summary>How the fake service answers the next requests.</summary>
public enum FakeAnswer
{
    Embeddings,
    Hang,
    ServiceUnavailable,
    TooManyRequests,
    MalformedJson,
    BadRequest,
}

/// <summary>
/// An OpenAI-compatible <c>POST /v1/embeddings</c> on Kestrel at 127.0.0.1 on a free port. It answers as told by
/// <see cref="Answers"/> (one entry per request, the last one repeating) and records every request it received.
/// </summary>
public sealed class FakeEmbeddingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<JsonNode> _requests = [];
    private readonly List<string?> _authorizations = [];
    private Queue<FakeAnswer> _answers = new([FakeAnswer.Embeddings]);

    private FakeEmbeddingServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public int RequestCount
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<JsonNode> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<string?> Authorizations
    {
        get
        {
            lock (_lock)
            {
                return [.. _authorizations];
            }
        }
    }

    /// <summary>The answers to the next requests, in order; the last one repeats.</summary>
    public void Answers(params FakeAnswer[] answers)
    {
        lock (_lock)
        {
            _answers = new Queue<FakeAnswer>(answers);
        }
    }

    public static async Task<FakeEmbeddingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeEmbeddingServer(app);
        app.MapPost("/v1/embeddings", server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri($"{address}/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)
            ?? throw new InvalidOperationException("empty request");
        FakeAnswer answer;
        lock (_lock)
        {
            _requests.Add(request);
            _authorizations.Add(context.Request.Headers.Authorization);
            answer = _answers.Count > 1 ? _answers.Dequeue() : _answers.Peek();
        }

        switch (answer)
        {
            case FakeAnswer.Hang:
                // Until the client gives up and closes the connection.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case FakeAnswer.ServiceUnavailable:
                await Error(context, 503, "overloaded", "The server is overloaded.");
                return;
            case FakeAnswer.TooManyRequests:
                context.Response.Headers.RetryAfter = "0";
                await Error(context, 429, "rate_limit_exceeded", "Rate limit reached.");
                return;
            case FakeAnswer.BadRequest:
                await Error(context, 400, "invalid_request_error", "Unknown model.");
                return;
            case FakeAnswer.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"object\": \"list\", \"data\": [{\"embedding\": [0.1, 0.2,");
                return;
            default:
                await Embeddings(context, request);
                return;
        }
    }

    private static Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { message, type = code, code } });
    }

    /// <summary>One unit vector per input, pointing along the dimension numbered by the input's length.</summary>
    private static Task Embeddings(HttpContext context, JsonNode request)
    {
        var inputs = request["input"] is JsonArray array ? array.Select(node => node!.GetValue<string>()).ToArray() : [request["input"]!.GetValue<string>()];
        var dimensions = request["dimensions"]?.GetValue<int>() ?? 1536;
        var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            var vector = new float[dimensions];
            vector[inputs[i].Length % dimensions] = 1;
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(value => (JsonNode)JsonValue.Create(value)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var body = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request["model"]?.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Length, ["total_tokens"] = inputs.Length },
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions()));
    }
}
