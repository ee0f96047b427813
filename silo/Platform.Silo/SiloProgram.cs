using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Silo;

/// <summary>The silo executable: parse the configuration, then print help, run the smoke check, or run until stopped.</summary>
internal static class SiloProgram
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadConfiguration = 2;

    /// <summary>The cluster declared this silo dead (it was unreachable too long); it stopped serving and exits.</summary>
    public const int Fenced = 3;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, TextWriter stdout, TextWriter stderr)
    {
        SiloHostSettings settings;
        try
        {
            settings = SiloHostSettingsParser.Parse(args, environment);
        }
        catch (SiloSettingsException error)
        {
            await stderr.WriteLineAsync($"Platform.Silo: {error.Message}");
            return BadConfiguration;
        }

        if (settings.ShowHelp)
        {
            await stdout.WriteLineAsync(SiloHostSettingsParser.Usage());
            return Ok;
        }

        try
        {
            if (settings.Smoke)
            {
                return await SmokeCheck.RunAsync(settings, stdout);
            }

            using var host = SiloHost.Build(settings, logsToStandardError: false);
            var fenced = false;
            var silo = host.Services.GetRequiredService<Runtime.Silo>();
            await host.StartAsync();
            silo.Fenced += () =>
            {
                fenced = true;
                host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            };
            SiloHost.LogRunning(host, settings);
            await host.WaitForShutdownAsync();
            if (fenced)
            {
                await stderr.WriteLineAsync($"Platform.Silo: silo {silo.Address} was declared dead by the cluster and stopped; restart it to rejoin as a new incarnation.");
                return Fenced;
            }

            return Ok;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A start-up failure (say, PostgreSQL unreachable) is reported in one line, not as an unhandled crash.
            await stderr.WriteLineAsync($"Platform.Silo: failed to start: {error.GetType().Name}: {error.Message}");
            return Failed;
        }
    }

    public static IReadOnlyDictionary<string, string> ReadEnvironment() =>
        Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? string.Empty, StringComparer.Ordinal);
}
