using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Client;
using Platform.Grains.Matching;

namespace Platform.Api.Tests.Support;

/// <summary>
/// CPU-heavy work for one silo: matching queries sent straight to its gateway by a client of the platform's SDK, each
/// embedding a long job text on the silo before its pgvector search. The rate starts low and rises step by step until
/// the gateway refuses a query (the silo sheds load), and then stays: on a quiet machine the silo passes its threshold
/// by little, on a starved one the rate goes on rising, with a bound on the queries in flight, until the silo gets
/// enough of the cores or the caller's time runs out.
/// </summary>
public sealed class MatchingLoad : IAsyncDisposable
{
    /// <summary>Queries per second at first: about a tenth of the development machine's two cores.</summary>
    private const double FirstRate = 10;

    private const double Growth = 1.5;

    /// <summary>Far more than two cores serve; past it the bound on the queries in flight is what limits the load.</summary>
    private const double MaxRate = 1_000;

    /// <summary>
    /// Enough to keep the silo busy while each query also waits for PostgreSQL (a starved silo gets more of the machine
    /// with more work ready to run), few enough not to queue the API's requests there past their deadline.
    /// </summary>
    private const int MaxInFlight = 32;

    /// <summary>Stateless-worker activations are per key (two per core): as many tenants keep every query ready to run.</summary>
    private const int Tenants = 16;

    /// <summary>
    /// How long each rate is held before the next: Orleans' cpu-usage counter covers one second, and the gateway reads the
    /// smoothed value at most once a second.
    /// </summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a warm-up query may be refused: a freshly started silo may shed load for a while (its own start-up work).</summary>
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(60);

    /// <summary>Eight thousand words: tokenizing and feature hashing them is most of a query's CPU on the silo.</summary>
    private static readonly string JobText = string.Join(' ', Enumerable.Range(0, 4_000).Select(i => $"skill{i % 997} task{i % 89}"));

    private static readonly DateTimeOffset ShiftStart = DateTimeOffset.UtcNow.Date.AddDays(7).AddHours(9);

    private readonly IHost _client;
    private readonly IGrainFactory _grains;
    private readonly int _siloProcessId;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private readonly ConcurrentQueue<string> _timeline = new();
    private ProcessCpu? _siloCpu;
    private long _started;
    private Task _driver = Task.CompletedTask;
    private double _rate = FirstRate;
    private long _served;
    private long _refusals;
    private long _timeouts;
    private Exception? _unexpected;

    private MatchingLoad(IHost client, int siloProcessId, TimeProvider time)
    {
        _client = client;
        _grains = client.Services.GetRequiredService<IGrainFactory>();
        _siloProcessId = siloProcessId;
        _time = time;
    }

    /// <summary>What happened each second since <see cref="Start"/>: the rate, the queries in flight, the silo's CPU and the outcomes so far.</summary>
    public IReadOnlyCollection<string> Timeline => _timeline;

    /// <summary>The first failure that is neither a refusal nor a timeout (a bug of the load, not the silo's overload).</summary>
    public Exception? Unexpected => _unexpected;

    /// <summary>
    /// Connects to the gateway (before anything else loads the silo: a shedding gateway refuses a connecting client's own
    /// requests too); <paramref name="siloProcessId"/> is watched for its CPU once the load starts.
    /// </summary>
    public static async Task<MatchingLoad> ConnectAsync(string gateway, string clusterId, int siloProcessId)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddPlatformClient(options =>
        {
            options.ClusterId = clusterId;
            options.Gateways.Add(gateway);
        });
        var client = builder.Build();
        await client.StartAsync();
        return new MatchingLoad(client, siloProcessId, TimeProvider.System);
    }

    /// <summary>
    /// Has <paramref name="queries"/> queries served one after another (each asked again while the gateway refuses it), so
    /// that the silo has compiled and connected what they need before the load is measured.
    /// </summary>
    public async Task WarmUpAsync(int queries)
    {
        for (var i = 0; i < queries; i++)
        {
            var number = i;
            await Eventually.ValueAsync(async () =>
            {
                try
                {
                    return await Query(number);
                }
                catch (GatewayTooBusyException)
                {
                    return null;
                }
            }, WarmUpTime);
        }
    }

    /// <summary>Starts sending at the first rate, raising it step by step until a query is refused.</summary>
    public void Start()
    {
        _siloCpu = ProcessCpu.Of(_siloProcessId, _time);
        _started = _time.GetTimestamp();
        _driver = Task.Run(DriveAsync);
    }

    /// <summary>
    /// Waits until the gateway refused a query with <see cref="GatewayTooBusyException"/>; when it does not within
    /// <paramref name="limit"/>, fails saying how far the rate rose and the most CPU the silo used meanwhile. A query that
    /// failed otherwise fails it at once.
    /// </summary>
    public async Task WaitForSheddingAsync(TimeSpan limit)
    {
        try
        {
            await _refused.Task.WaitAsync(limit, _time);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"The silo's gateway refused no query within {limit.TotalSeconds:F0} s: the rate rose to {_rate:F0} queries/s ({MaxInFlight} in flight at most) "
                + $"and the silo used at most {_siloCpu?.Highest ?? 0:F1} % of the machine's {Environment.ProcessorCount} cores in a second; "
                + $"{Interlocked.Read(ref _served)} served, {Interlocked.Read(ref _timeouts)} timed out."));
        }
    }

    /// <summary>Stops sending and waits for the queries in flight.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        await _driver;
        await Task.WhenAll(_inFlight.Values);
        if (_siloCpu is not null)
        {
            _timeline.Enqueue(string.Create(
                CultureInfo.InvariantCulture,
                $"{_time.GetElapsedTime(_started).TotalSeconds,5:F1} s: stopped; {Interlocked.Read(ref _served)} served, {Interlocked.Read(ref _refusals)} refused, {Interlocked.Read(ref _timeouts)} timed out"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _client.StopAsync();
        _client.Dispose();
        _siloCpu?.Dispose();
        _stop.Dispose();
    }

    private async Task DriveAsync()
    {
        using var ticks = new PeriodicTimer(Tick, _time);
        var stepStarted = _started;
        var sampled = _started;
        var lastTick = _started;
        var due = 0d;
        var sent = 0L;
        try
        {
            while (await ticks.WaitForNextTickAsync(_stop.Token))
            {
                var now = _time.GetTimestamp();
                if (_time.GetElapsedTime(sampled, now) >= SampleInterval)
                {
                    Record();
                    sampled = now;
                }

                if (!_refused.Task.IsCompleted && _time.GetElapsedTime(stepStarted, now) >= Step)
                {
                    _rate = Math.Min(_rate * Growth, MaxRate);
                    stepStarted = now;
                }

                // By the time elapsed, not the ticks (on a busy machine a tick comes late); what the bound on the queries
                // in flight holds back is dropped, not owed.
                due = Math.Min(due + (_rate * _time.GetElapsedTime(lastTick, now).TotalSeconds), MaxInFlight);
                lastTick = now;
                for (; due >= 1 && _inFlight.Count < MaxInFlight; due--)
                {
                    var number = sent++;
                    var query = QueryAsync(number);
                    _inFlight[number] = query;
                    _ = query.ContinueWith(_ => _inFlight.TryRemove(number, out Task? _), TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private Task<IReadOnlyList<MatchCandidate>> Query(long number)
    {
        var tenant = $"load{number % Tenants}";
        return _grains.GetGrain<IMatchingGrain>(tenant).FindCandidates(new MatchQuery(
            tenant, JobText, [], [], 52.37, 4.90, 25, 10m, 50m, "EUR", ShiftStart, ShiftStart.AddHours(8), 20));
    }

    private async Task QueryAsync(long number)
    {
        try
        {
            await Query(number);
            Interlocked.Increment(ref _served);
        }
        catch (GatewayTooBusyException)
        {
            Interlocked.Increment(ref _refusals);
            _refused.TrySetResult();
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref _timeouts);
        }
        catch (Exception failure)
        {
            Interlocked.CompareExchange(ref _unexpected, failure, null);
            _refused.TrySetException(new InvalidOperationException("A matching query of the load failed neither refused nor timed out.", failure));
        }
    }

    private void Record() => _timeline.Enqueue(string.Create(
        CultureInfo.InvariantCulture,
        $"{_time.GetElapsedTime(_started).TotalSeconds,5:F1} s: {_rate,4:F0} queries/s, {_inFlight.Count,2} in flight, silo CPU {_siloCpu!.Sample(),5:F1} %, "
        + $"{Interlocked.Read(ref _served)} served, {Interlocked.Read(ref _refusals)} refused, {Interlocked.Read(ref _timeouts)} timed out"));
}
