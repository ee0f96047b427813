using System.Diagnostics;

namespace Platform.Bench;

/// <summary>A silo in a child process (this executable in <see cref="SiloServer"/> mode), started and killed by a scenario.</summary>
internal sealed class ChildSilo : IAsyncDisposable
{
    private readonly Process _process;

    private ChildSilo(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Gateway => $"127.0.0.1:{Port}";

    public static async Task<ChildSilo> StartAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildSilo).Assembly.Location);
        }

        start.ArgumentList.Add(SiloServer.Command);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the silo process");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                return new ChildSilo(process, int.Parse(line["READY ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"the silo process exited with code {(process.HasExited ? process.ExitCode : -1)} before it was ready");
    }

    /// <summary>kill -9: no graceful leave, no deactivation.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
