using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Platform.Api.Endpoints;
using Platform.Api.Endpoints.Requests;

namespace Platform.Bench;

/// <summary>
/// The real Platform.Api executable (built into this benchmark's output, like the silo) in a process of its own, as an
/// Orleans client of one gateway with the benchmark's settings (<see cref="ApiHost.Configuration"/>): its CPU and memory
/// can then be read from /proc apart from the load generator's.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 40;
    private const int TokenParallelism = 64;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastOutput = new();

    private ApiProcess(Process process, Uri baseAddress, HttpClient http)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = http;
    }

    public Uri BaseAddress { get; }

    /// <summary>Loopback HTTP/1.1 to the API with at most as many connections as <see cref="StartAsync"/> was given.</summary>
    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public static async Task<ApiProcess> StartAsync(string gateway, string clusterId, int connections)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{InProcessSilo.FreePort().ToString(CultureInfo.InvariantCulture)}");
        var start = DotnetApp.StartInfo(Path.Combine(AppContext.BaseDirectory, "Platform.Api.dll"));
        // The API's appsettings.json is copied beside it: the output directory is its content root.
        start.WorkingDirectory = AppContext.BaseDirectory;
        foreach (var (key, value) in ApiHost.Configuration(gateway, clusterId))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        // Its standard output has the development banner and logs, never a line of this benchmark's output.
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var api = new ApiProcess(process, baseAddress, ApiHost.HttpClientFor(baseAddress, connections));
        _ = api.KeepLastOutputAsync(process.StandardOutput);
        _ = api.KeepLastOutputAsync(process.StandardError);
        try
        {
            await ApiReadiness.WaitAsync(api.Http, gone: () => process.HasExited);
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException)
        {
            await api.DisposeAsync();
            throw new InvalidOperationException($"the API process at {baseAddress} did not become ready; its last output:\n{string.Join('\n', api._lastOutput)}", error);
        }

        return api;
    }

    /// <summary>A bearer token per user from the API's development issuer (<c>POST /dev/token</c>), in the users' order.</summary>
    public async Task<string[]> TokensAsync(string tenant, IReadOnlyList<string> users, string role)
    {
        var tokens = new string[users.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, users.Count),
            new ParallelOptions { MaxDegreeOfParallelism = TokenParallelism },
            async (i, _) => tokens[i] = await TokenAsync(tenant, users[i], role));
        return tokens;
    }

    private async Task<string> TokenAsync(string tenant, string user, string role)
    {
        using var response = await Http.PostAsJsonAsync("/dev/token", new TokenRequest(tenant, user, [role]));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return token?.AccessToken ?? throw new InvalidOperationException("POST /dev/token answered without a token");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            // It keeps nothing durable: the connections and sessions it held expire on the silo.
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task KeepLastOutputAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            _lastOutput.Enqueue(line);
            while (_lastOutput.Count > KeptOutputLines && _lastOutput.TryDequeue(out _))
            {
            }
        }
    }
}
