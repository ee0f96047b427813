using System.Diagnostics;

namespace Platform.Silo.Tests;

/// <summary>
/// Runs the real silo executable as a child process. The SDK copies a referenced Exe project's dll, runtimeconfig and
/// deps files into this test's output, so the silo sits next to the test assembly whatever the artifacts path.
/// </summary>
public static class SiloProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs the silo to completion (for --help, --smoke, bad arguments, start-up failures).</summary>
    public static async Task<Result> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(CreateStartInfo(args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Platform.Silo {string.Join(' ', args)} did not exit within {limit}. stderr: {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a silo and returns once it printed its ready line; see <see cref="RunningSilo"/>.</summary>
    public static Task<RunningSilo> StartAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        RunningSilo.StartAsync(args, environment);

    public static ProcessStartInfo CreateStartInfo(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var siloPath = typeof(SiloProgram).Assembly.Location;
        File.Exists(Path.ChangeExtension(siloPath, ".runtimeconfig.json"))
            .ShouldBeTrue($"{Path.GetFileName(siloPath)} needs its runtimeconfig.json beside it to run with 'dotnet'");

        // The dotnet CLI tells child processes which host it is; fall back to the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(siloPath)!,
        };
        start.ArgumentList.Add(siloPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only the variables the test means: a PLATFORM_ or pod variable of the machine running the tests must not leak in.
        foreach (var name in start.Environment.Keys.Where(IsSiloVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static bool IsSiloVariable(string name) =>
        name.StartsWith("PLATFORM_", StringComparison.OrdinalIgnoreCase) || name is "POD_NAME" or "POD_NAMESPACE" or "POD_IP";
}
