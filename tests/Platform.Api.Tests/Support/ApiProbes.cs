using System.Net;
using System.Text.Json;

namespace Platform.Api.Tests.Support;

/// <summary>
/// Requests to an API instance one after another, each a moment after the previous one was answered (well within the
/// caller's rate limit), recording every answer until disposed: what a user of the API sees while the cluster is loaded.
/// </summary>
public sealed class ApiProbes : IAsyncDisposable
{
    /// <summary>The pause between an answer and the next request.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _http;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ProbeAnswer> _answers = [];
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    private ApiProbes(HttpClient http, string path, TimeProvider time)
    {
        _http = http;
        _path = path;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>The time since the probes started, on the clock of <see cref="ProbeAnswer.SentAt"/>.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>Starts sending GET <paramref name="path"/> with <paramref name="http"/>, whose credentials it uses.</summary>
    public static ApiProbes Start(HttpClient http, string path)
    {
        var probes = new ApiProbes(http, path, TimeProvider.System);
        probes._loop = Task.Run(probes.RunAsync);
        return probes;
    }

    /// <summary>Every answer so far, in the order the requests were sent.</summary>
    public IReadOnlyList<ProbeAnswer> Answers()
    {
        lock (_answers)
        {
            return [.. _answers];
        }
    }

    /// <summary>Waits until the answers so far satisfy <paramref name="condition"/>; fails naming <paramref name="what"/> and the answers.</summary>
    public async Task<IReadOnlyList<ProbeAnswer>> WaitForAsync(Func<IReadOnlyList<ProbeAnswer>, bool> condition, TimeSpan limit, string what)
    {
        using var giveUp = new CancellationTokenSource(limit, _time);
        var timeUp = Task.Delay(Timeout.InfiniteTimeSpan, giveUp.Token);
        while (true)
        {
            Task answered;
            lock (_answers)
            {
                if (condition(_answers))
                {
                    return [.. _answers];
                }

                answered = _answered.Task;
            }

            if (await Task.WhenAny(answered, timeUp) == timeUp)
            {
                throw new TimeoutException($"{what} did not happen within {limit.TotalSeconds:F0} s; the API answered: {Summary(Answers())}");
            }
        }
    }

    /// <summary>Waits until every request of the last <paramref name="span"/> (and some before it) was answered 200.</summary>
    public Task ServedForAsync(TimeSpan span, TimeSpan limit) =>
        WaitForAsync(
            answers => answers.Count > 0
                && answers.Any(a => a.SentAt <= answers[^1].SentAt - span)
                && answers.Where(a => a.SentAt >= answers[^1].SentAt - span).All(a => a.Status == HttpStatusCode.OK),
            limit,
            $"{span.TotalSeconds:F0} s of 200s");

    /// <summary>The answers as runs of one status: "200 x12 (0.0-3.1 s, slowest 40 ms), 503 x4 (3.2-4.0 s, slowest 9 ms)".</summary>
    public static string Summary(IEnumerable<ProbeAnswer> answers)
    {
        var runs = new List<List<ProbeAnswer>>();
        foreach (var answer in answers)
        {
            if (runs.Count == 0 || runs[^1][0].Status != answer.Status)
            {
                runs.Add([]);
            }

            runs[^1].Add(answer);
        }

        return runs.Count == 0
            ? "nothing"
            : string.Join(", ", runs.Select(run =>
                $"{(int)run[0].Status} x{run.Count} ({run[0].SentAt.TotalSeconds:F1}-{run[^1].SentAt.TotalSeconds:F1} s, slowest {run.Max(a => a.Latency).TotalMilliseconds:F0} ms)"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                Add(await ProbeAsync());
                await Task.Delay(Pause, _time, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task<ProbeAnswer> ProbeAsync()
    {
        var sentAt = Elapsed;
        try
        {
            using var response = await _http.GetAsync(_path, _stop.Token);
            var latency = Elapsed - sentAt;
            var title = response.IsSuccessStatusCode ? null : Title(await response.Content.ReadAsStringAsync(_stop.Token));
            return new ProbeAnswer(sentAt, response.StatusCode, latency, response.Headers.RetryAfter?.Delta, title);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
        {
            // The connection failed, or the client's timeout passed.
            return new ProbeAnswer(sentAt, 0, Elapsed - sentAt, null, failure.Message);
        }
    }

    private void Add(ProbeAnswer answer)
    {
        lock (_answers)
        {
            _answers.Add(answer);
            _answered.TrySetResult();
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private static string? Title(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("title", out var title) ? title.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
