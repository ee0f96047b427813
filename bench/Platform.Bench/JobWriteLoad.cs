using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// Steady writes through the HTTP API, made as a careful client makes them: <c>users</c> clients of one tenant, taken in
/// turn by <c>writers</c> loops, each posting job drafts one after another (<c>POST /api/jobs</c>) with an Idempotency-Key
/// of its own per draft. A request that fails, or whose answer never comes, is sent again with the same key until it is
/// answered 201: a client that gave up or took a new key could not tell a job created once from one created twice.
/// Afterwards every job of the tenant is read back through the API and compared with what the writers were told.
/// </summary>
internal sealed class JobWriteLoad : IDisposable
{
    public const string Tenant = "chaos";

    /// <summary>How failed requests are told apart in the JSON lines (<c>failed_503</c>, ...): by status, or no answer at all.</summary>
    public static readonly string[] FailureKinds = ["409", "500", "503", "504", "other_status", "no_response"];

    private const string TitlePrefix = "Chaos ";
    private const string AdminUser = "chaos-admin";
    private const int KeptMessagesPerKind = 3;
    private const int ReadAttempts = 5;

    /// <summary>
    /// Not the answer's Retry-After (5 s while the database is down): the pause stands for many clients, some of whom
    /// retry at once, and recovery_s measures the platform, not a client's back-off.
    /// </summary>
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a request may go unanswered before the writer counts it failed and sends it again.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long after the stop a writer still retries the draft it was writing before it counts as unresolved.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly string[] _users;
    private readonly string[] _tokens;
    private readonly string _adminToken;
    private readonly int _writers;
    private readonly ServedSinceMark _usersServed;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Draft, Acknowledgement> _acknowledged = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly ConcurrentBag<Draft> _unresolved = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _failureMessages = new();

    /// <summary>Every request answered 201: when, and how long it took in microseconds.</summary>
    private readonly ConcurrentQueue<(long Time, double Microseconds)> _latencies = new();

    private long _drainDeadline = long.MaxValue;
    private List<Task>? _loops;
    private long _retried;
    private long _replayed;

    private JobWriteLoad(HttpClient http, string[] users, string[] tokens, string adminToken, int writers)
    {
        _http = http;
        _users = users;
        _tokens = tokens;
        _adminToken = adminToken;
        _writers = writers;
        _usersServed = new ServedSinceMark(users.Length);
    }

    /// <summary>
    /// <paramref name="users"/> client users of <see cref="Tenant"/> with tokens of <paramref name="api"/>'s issuer, whose
    /// drafts <paramref name="writers"/> loops post over <paramref name="api"/>'s connections.
    /// </summary>
    public static async Task<JobWriteLoad> CreateAsync(ApiProcess api, int users, int writers)
    {
        string[] names = [.. Enumerable.Range(0, users).Select(i => $"client-{i:D4}")];
        var tokens = await api.TokensAsync(Tenant, names, "client");
        var admin = await api.TokensAsync(Tenant, [AdminUser], "admin");
        return new JobWriteLoad(api.Http, names, tokens, admin[0], writers);
    }

    /// <summary>Drafts the API answered 201 for.</summary>
    public long Ops => _acknowledged.Count;

    /// <summary>Drafts that were answered 201 only after at least one failed attempt.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Drafts answered 201 from the idempotency store (<c>Idempotent-Replayed: true</c>): an earlier attempt had run.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Drafts still not answered 201 when the writers stopped retrying.</summary>
    public int Unresolved => _unresolved.Count;

    /// <summary>Every failed request: when (in <see cref="Stopwatch"/> ticks) and its kind, one of <see cref="FailureKinds"/>.</summary>
    public ConcurrentQueue<(long Time, string Kind)> Failures { get; } = new();

    /// <summary>After <see cref="VerifyAsync"/>: each acknowledged draft whose job is missing or is another, and what was found.</summary>
    public ConcurrentQueue<string> LostDrafts { get; } = new();

    /// <summary>The first few answers of each failure kind, for the log.</summary>
    public IEnumerable<string> FailureMessages => _failureMessages.SelectMany(kind => kind.Value.Select(message => $"{kind.Key}: {message}"));

    /// <summary>
    /// Remembers now (the end of a fault) so that <see cref="AllServedSinceMark"/> can say when every user had a draft
    /// acknowledged again; a later mark replaces an earlier one.
    /// </summary>
    public long Mark() => _usersServed.Mark();

    /// <summary>When the last user had its first draft acknowledged after <see cref="Mark"/>, or null if some did not yet.</summary>
    public long? AllServedSinceMark() => _usersServed.AllServed();

    /// <summary>Failed requests between two times, per kind (every kind of <see cref="FailureKinds"/>, 0 when none).</summary>
    public Dictionary<string, int> FailuresBetween(long from, long to)
    {
        var counts = FailureKinds.ToDictionary(kind => kind, _ => 0);
        foreach (var (time, kind) in Failures)
        {
            if (time >= from && time <= to)
            {
                counts[kind]++;
            }
        }

        return counts;
    }

    /// <summary>The median and 99th percentile, in microseconds, of the requests answered 201 between two times (0 when none).</summary>
    public (double P50, double P99) LatencyBetween(long from, long to)
    {
        var sorted = _latencies.Where(request => request.Time >= from && request.Time <= to).Select(request => request.Microseconds).Order().ToArray();
        return (ApiScenario.Percentile(sorted, 0.50), ApiScenario.Percentile(sorted, 0.99));
    }

    public void Start() => _loops = [.. Enumerable.Range(0, _writers).Select(writer => Task.Run(() => RunAsync(writer)))];

    /// <summary>No new drafts; each writer retries the one it was writing for at most <see cref="DrainTimeout"/>.</summary>
    public async Task StopAsync()
    {
        Interlocked.Exchange(ref _drainDeadline, Stopwatch.GetTimestamp() + (long)(DrainTimeout.TotalSeconds * Stopwatch.Frequency));
        await _stop.CancelAsync();
        await Task.WhenAll(_loops ?? []);
    }

    /// <summary>
    /// Reads back, through the API as the tenant's admin, every job the writers were given and every job of the tenant the
    /// database holds (grain state "job"), and compares them with what the writers were told.
    /// </summary>
    public async Task<LoadVerdict> VerifyAsync(string databaseConnectionString)
    {
        var stored = (await StoredJobIdsAsync(databaseConnectionString)).ToHashSet();
        var ids = stored.Union(_acknowledged.Values.Select(acknowledged => acknowledged.JobId)).ToArray();
        var jobs = new ConcurrentDictionary<string, StoredJob?>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = _writers }, async (id, _) => jobs[id] = await ReadJobAsync(id));

        foreach (var (draft, acknowledged) in _acknowledged)
        {
            if (jobs[acknowledged.JobId] is not { } job || job.Title != Title(draft))
            {
                LostDrafts.Enqueue(
                    $"{draft.User} {draft.Key}: job {acknowledged.JobId}, acknowledged {acknowledged.Seconds:0.000} s into the run after {acknowledged.Attempts} attempt(s)"
                    + (acknowledged.Replayed ? " (replayed)" : string.Empty)
                    + (jobs[acknowledged.JobId] is { } other ? $", holds '{other.Title}'" : ", not found")
                    + (stored.Contains(acknowledged.JobId) ? " (the database holds a state for it)" : " (the database holds no state for it)"));
            }
        }

        var lost = LostDrafts.Count;
        var found = jobs.Values.OfType<StoredJob>().ToArray();
        var createdAgain = found.GroupBy(job => job.Title).Sum(copies => copies.Count() - 1);
        var savedAgain = found.Sum(job => job.Revision - 1);
        var acknowledgedTitles = _acknowledged.Keys.Select(Title).ToHashSet();
        var failedButRan = found.Select(job => job.Title).Distinct().Count(title => !acknowledgedTitles.Contains(title));
        return new LoadVerdict(lost, createdAgain + savedAgain, failedButRan);
    }

    public void Dispose() => _stop.Dispose();

    private static string Title(Draft draft) => $"{TitlePrefix}{draft.User} {draft.Key}";

    private async Task RunAsync(int writer)
    {
        var user = writer % _users.Length;
        for (var n = 0; !_stop.IsCancellationRequested; n++, user = (user + _writers) % _users.Length)
        {
            await WriteAsync(user, new Draft(_users[user], $"w{writer}-{n}"));
        }
    }

    /// <summary>Posts the draft until it is answered 201, with the same Idempotency-Key every time.</summary>
    private async Task WriteAsync(int user, Draft draft)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = ApiHost.Request(HttpMethod.Post, "/api/jobs", _tokens[user], JsonContent.Create(ApiHost.Job(Title(draft), publish: false)));
            request.Headers.Add("Idempotency-Key", draft.Key);
            string kind, message;
            var sent = Stopwatch.GetTimestamp();
            using var unanswered = new CancellationTokenSource(RequestTimeout);
            try
            {
                using var response = await _http.SendAsync(request, unanswered.Token);
                if (response.StatusCode == HttpStatusCode.Created && response.Headers.Location is { } location)
                {
                    _latencies.Enqueue((Stopwatch.GetTimestamp(), Stopwatch.GetElapsedTime(sent).TotalMicroseconds));
                    Acknowledge(user, draft, location.OriginalString.Split('/')[^1], attempt, response.Headers.Contains("Idempotent-Replayed"));
                    return;
                }

                var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                kind = FailureKinds.Contains(status) ? status : "other_status";
                message = $"{status} {await response.Content.ReadAsStringAsync(unanswered.Token)}";
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
            {
                kind = "no_response";
                message = $"{error.GetType().Name}: {error.Message}";
            }

            Failures.Enqueue((Stopwatch.GetTimestamp(), kind));
            var messages = _failureMessages.GetOrAdd(kind, _ => new ConcurrentQueue<string>());
            if (messages.Count < KeptMessagesPerKind)
            {
                messages.Enqueue(message);
            }

            if (Stopwatch.GetTimestamp() > Interlocked.Read(ref _drainDeadline))
            {
                _unresolved.Add(draft);
                return;
            }

            await Task.Delay(PauseAfterFailure);
        }
    }

    private void Acknowledge(int user, Draft draft, string jobId, int attempt, bool replayed)
    {
        _usersServed.Served(user);
        _acknowledged[draft] = new Acknowledgement(jobId, Stopwatch.GetElapsedTime(_started).TotalSeconds, attempt, replayed);
        if (attempt > 1)
        {
            Interlocked.Increment(ref _retried);
        }

        if (replayed)
        {
            Interlocked.Increment(ref _replayed);
        }
    }

    /// <summary>The ids of the tenant's jobs in grain storage (state name "job", keyed "tenant/job-id").</summary>
    private static async Task<List<string>> StoredJobIdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_id_string FROM orleans_grain_state WHERE state_name = 'job' AND payload IS NOT NULL AND grain_id_string LIKE @prefix", connection);
        command.Parameters.AddWithValue("prefix", $"{Tenant}/%");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0)[(Tenant.Length + 1)..]);
        }

        return ids;
    }

    /// <summary>The job as the API shows it to the tenant's admin, or null when the API says there is none.</summary>
    private async Task<StoredJob?> ReadJobAsync(string id)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = ApiHost.Request(HttpMethod.Get, $"/api/jobs/{id}", _adminToken);
            using var response = await _http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.IsSuccessStatusCode)
            {
                var job = await response.Content.ReadFromJsonAsync<JsonElement>();
                return new StoredJob(job.GetProperty("title").GetString() ?? string.Empty, job.GetProperty("revision").GetInt64());
            }

            if (attempt == ReadAttempts)
            {
                throw new InvalidOperationException($"GET /api/jobs/{id} answered {(int)response.StatusCode} {ReadAttempts} times: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(PauseAfterFailure);
        }
    }

    /// <param name="User">The client user the draft is posted as.</param>
    /// <param name="Key">Its Idempotency-Key, unique in the run.</param>
    private sealed record Draft(string User, string Key);

    /// <param name="Seconds">When the 201 came, from the load's creation.</param>
    /// <param name="Attempts">How many requests it took.</param>
    private sealed record Acknowledgement(string JobId, double Seconds, int Attempts, bool Replayed);

    /// <param name="Revision">How many changes the job has taken: 1 for a draft saved once.</param>
    private sealed record StoredJob(string Title, long Revision);
}
