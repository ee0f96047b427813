using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Net.Http.Headers;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

/// <summary>
/// An API instance past its concurrency limit answers 503 with Retry-After at once (or after a short bounded wait), does
/// nothing for the refused request, and still completes the requests it admitted.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OverloadTests(ApiCluster cluster)
{
    [Fact]
    public async Task Past_the_limit_a_request_is_refused_with_503_and_the_admitted_one_still_succeeds()
    {
        await using var api = await ApiProcess.StartAsync(cluster, ("Api__Concurrency__MaxRequests", "1"), ("Api__Concurrency__QueueLimit", "0"));
        var tenant = ApiCluster.NewTenant();
        using var client = Client(api, tenant);
        using var held = await HeldRequest.StartAsync(api.Url, Token(tenant), Samples.Profile());
        using var refused = await FirstRefusalAsync(client);
        using var probe = await client.GetAsync("/health/live");
        var completed = await held.CompleteAsync();
        using var afterwards = await FirstServedAsync(client);

        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        (await refused.Content.ReadAsStringAsync()).ShouldContain("working on 1 requests");
        probe.StatusCode.ShouldBe(HttpStatusCode.OK);
        completed.ShouldBe(HttpStatusCode.OK);
        afterwards.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_request_waits_in_the_queue_at_most_its_time_and_runs_when_a_place_frees_up()
    {
        await using var api = await ApiProcess.StartAsync(
            cluster, ("Api__Concurrency__MaxRequests", "1"), ("Api__Concurrency__QueueLimit", "1"), ("Api__Concurrency__QueueTimeout", "00:00:02"));
        var tenant = ApiCluster.NewTenant();
        using var client = Client(api, tenant);
        using var held = await HeldRequest.StartAsync(api.Url, Token(tenant), Samples.Profile());

        // A 503 after waiting its 2 s in the queue: the held request has the place.
        using var timedOut = await FirstRefusalAsync(client);
        var queued = client.GetAsync("/api/freelancers/me");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var completed = await held.CompleteAsync();
        using var ranAfterWaiting = await queued;

        (await timedOut.Content.ReadAsStringAsync()).ShouldContain("within 2 s");
        completed.ShouldBe(HttpStatusCode.OK);
        ranAfterWaiting.StatusCode.ShouldBe(HttpStatusCode.OK, "it waited in the queue and ran after the held request wrote the profile");
    }

    private HttpClient Client(ApiProcess api, string tenant)
    {
        var client = new HttpClient { BaseAddress = new Uri(api.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(tenant));
        return client;
    }

    private string Token(string tenant) => cluster.Tokens.For(tenant, "bruno", "freelancer");

    /// <summary>The first 503 of repeated requests: the held request may reach the instance after the first of them.</summary>
    private static async Task<HttpResponseMessage> FirstRefusalAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var response = await client.GetAsync("/api/freelancers/me");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "no request was refused while another held the only place");
                return response;
            }

            response.Dispose();
            await Task.Delay(100);
        }
    }

    /// <summary>The first answer that is not a 503: the place frees up once the held request's pipeline has ended.</summary>
    private static async Task<HttpResponseMessage> FirstServedAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var response = await client.GetAsync("/api/freelancers/me");
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// A PUT of a profile over a raw connection whose last body byte is sent only on <see cref="CompleteAsync"/>: the API
    /// admits it on its headers and it holds its place until then (HttpClient may hold back a body it is still writing).
    /// </summary>
    private sealed class HeldRequest : IDisposable
    {
        private static readonly TimeSpan AdmissionTime = TimeSpan.FromSeconds(1);

        private readonly TcpClient _connection = new();
        private byte[] _body = [];
        private NetworkStream? _stream;

        public static async Task<HeldRequest> StartAsync(string apiUrl, string token, object profile)
        {
            var held = new HeldRequest();
            var api = new Uri(apiUrl);
            await held._connection.ConnectAsync(api.Host, api.Port);
            held._stream = held._connection.GetStream();
            held._body = JsonSerializer.SerializeToUtf8Bytes(profile);
            var head = $"PUT /api/freelancers/me HTTP/1.1\r\nHost: {api.Authority}\r\nAuthorization: Bearer {token}\r\n"
                + $"Content-Type: application/json\r\nContent-Length: {held._body.Length}\r\n\r\n";
            await held._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await held._stream.WriteAsync(held._body.AsMemory(0, held._body.Length - 1));
            await held._stream.FlushAsync();

            // Alone on the instance for a moment, so that it, not a probe, takes the only place; Kestrel gives a
            // stalled body 5 s before it drops the request, time enough for the tests that follow.
            await Task.Delay(AdmissionTime);
            return held;
        }

        /// <summary>Sends the last byte and returns the response's status code.</summary>
        public async Task<HttpStatusCode> CompleteAsync()
        {
            await _stream!.WriteAsync(_body.AsMemory(_body.Length - 1));
            using var reader = new StreamReader(_stream, Encoding.ASCII, leaveOpen: true);
            var statusLine = await reader.ReadLineAsync() ?? throw new IOException("The API closed the connection without an answer.");
            return (HttpStatusCode)int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose() => _connection.Dispose();
    }
}
