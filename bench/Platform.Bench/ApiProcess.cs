using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Platform.Api.Endpoints;
using Platform.Api.Endpoints.Requests;

namespace Platform.Bench;

/// <summary>
/// The real Platform.Api executable (built into this benchmark's output, like the silo) in a process of its own on a free
/// port of 127.0.0.1, configured through environment variables as a deployment configures it (the settings of
/// <see cref="ApiHost.Configuration"/>): its CPU and memory can then be read from /proc apart from the load generator's
/// (capacity), and it stays up while the silos and the database under it fail (chaos).
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private const int TokenParallelism = 64;

    private readonly Process _process;
    private readonly ProcessOutput _output;

    private ApiProcess(Process process, Uri baseAddress, HttpClient http)
    {
        _process = process;
        // Its output has the development banner and logs, never a line of this benchmark's output.
        _output = new ProcessOutput(process, "api", readyText: null);
        BaseAddress = baseAddress;
        Http = http;
    }

    public Uri BaseAddress { get; }

    /// <summary>Loopback HTTP/1.1 to the API with at most as many connections as <see cref="StartAsync"/> was given.</summary>
    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    /// <param name="configuration">The API's settings (<c>Api:ClusterId</c>, ...), given to it as environment variables.</param>
    /// <param name="connections">How many connections <see cref="Http"/> opens at most.</param>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string?> configuration, int connections)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{InProcessSilo.FreePort().ToString(CultureInfo.InvariantCulture)}");
        var start = DotnetApp.StartInfo(Path.Combine(AppContext.BaseDirectory, "Platform.Api.dll"));
        // The API's appsettings.json is copied beside it: the output directory is its content root.
        start.WorkingDirectory = AppContext.BaseDirectory;
        // As deployed, whatever the shell that started the benchmark says.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in configuration)
        {
            if (value is not null)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var api = new ApiProcess(process, baseAddress, ApiHost.HttpClientFor(baseAddress, connections));
        try
        {
            await ApiReadiness.WaitAsync(api.Http, gone: () => process.HasExited);
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException)
        {
            await api.DisposeAsync();
            throw new InvalidOperationException($"the API process at {baseAddress} did not become ready; its last output:\n{api._output.LastLines}", error);
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

    private async Task<string> TokenAsync(string tenant, string user, string role)
    {
        using var response = await Http.PostAsJsonAsync("/dev/token", new TokenRequest(tenant, user, [role]));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return token?.AccessToken ?? throw new InvalidOperationException("POST /dev/token answered without a token");
    }
}
