using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench;

/// <summary>
/// This benchmark's own executable started again as the other end of <c>remote-baseline</c> (<see cref="BaselineServer"/>);
/// it prints its port as its first line and exits when its stdin closes.
/// </summary>
internal sealed class BaselineServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BaselineServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<BaselineServerProcess> StartAsync()
    {
        var start = DotnetApp.StartInfo(typeof(BaselineServerProcess).Assembly.Location);
        start.ArgumentList.Add(BaselineServer.Mode);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"the baseline server printed '{line}' instead of its port");
        }

        return new BaselineServerProcess(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
