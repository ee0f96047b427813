using System.Diagnostics;
using System.Text.RegularExpressions;
using Platform.Api.Hosting;

namespace Platform.Api.Tests.Support;

/// <summary>
/// A second API instance of <see cref="ApiCluster"/> (or an API of a silo the test started itself) as a real process on a
/// Kestrel port of 127.0.0.1, so that a test can kill it (SIGKILL: no graceful close of its connections or sessions) the
/// way a crashed pod dies, or load the silo without the API sharing the test's process.
/// </summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private ApiProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The instance's address, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url { get; }

    /// <param name="settings">Configuration on top of the cluster's, as environment variables (<c>Api__Concurrency__MaxRequests</c>).</param>
    public static Task<ApiProcess> StartAsync(ApiCluster cluster, params (string Variable, string Value)[] settings) =>
        StartAsync(cluster.Gateway, ApiCluster.ClusterId, cluster.Tokens, settings);

    /// <summary>An instance of a cluster of the test's own (a silo it started with settings of its own), accepting <paramref name="tokens"/>.</summary>
    public static async Task<ApiProcess> StartAsync(string gateway, string clusterId, TestTokens tokens, params (string Variable, string Value)[] settings)
    {
        // The SDK copies the referenced API's dll, deps and runtimeconfig beside the tests.
        var apiPath = typeof(ApiOptions).Assembly.Location;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(apiPath)!,
        };
        start.ArgumentList.Add(apiPath);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Api__Gateways__0"] = gateway;
        start.Environment["Api__ClusterId"] = clusterId;
        start.Environment["Api__Jwt__Issuer"] = TestTokens.Issuer;
        start.Environment["Api__Jwt__Audience"] = TestTokens.Audience;
        start.Environment["Api__Jwt__SigningKeysPem__0"] = tokens.PublicKeyPem;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (variable, value) in settings)
        {
            start.Environment[variable] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{dotnet} {apiPath} did not start.");
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data && ListeningLine().Match(data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups["url"].Value);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The API exited with {process.ExitCode} before listening: {errors}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new ApiProcess(process, await listening.Task.WaitAsync(StartTimeout));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process at once, as the kernel kills a crashed pod: no shutdown code of the API runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
