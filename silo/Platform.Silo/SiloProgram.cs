using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Streams.Hosting;

namespace Platform.Silo;

/// <summary>The silo executable: parse the configuration, then print help, run the smoke check, or run until stopped.</summary>
internal static class SiloProgram
{
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
            return SiloExitCodes.BadConfiguration;
        }

        if (settings.ShowHelp)
        {
            await stdout.WriteLineAsync(SiloHostSettingsParser.Usage());
            return SiloExitCodes.Ok;
        }

        if (settings.DevelopmentCertificatesDirectory is { } directory)
        {
            return await MakeDevelopmentCertificatesAsync(directory, stdout, stderr);
        }

        try
        {
            if (settings.Smoke)
            {
                return await SmokeCheck.RunAsync(settings, stdout);
            }

            using var host = SiloHost.Build(settings, logsToStandardError: false);
            await host.StartAsync();
            SiloHost.LogRunning(host, settings);
            await host.WaitForShutdownAsync();
            var fatal = host.Services.GetRequiredService<SiloFatalErrorHandler>();
            if (fatal.DeclaredDead)
            {
                await stderr.WriteLineAsync($"Platform.Silo: the cluster declared this silo dead and it stopped; restart it to rejoin as a new incarnation ({fatal.Reason})");
                return SiloExitCodes.DeclaredDead;
            }

            if (fatal.Reason is { } reason)
            {
                await stderr.WriteLineAsync($"Platform.Silo: stopped after a fatal error: {reason}");
                return SiloExitCodes.Failed;
            }

            return SiloExitCodes.Ok;
        }
        catch (Exception error) when (Innermost(error) is OptionsValidationException or StreamsConfigurationException || IsUnconvertibleValue(Innermost(error)))
        {
            // Configuration sections (Matching, Streams, Payments, Alerts) are bound and validated when the host is built or starts.
            await stderr.WriteLineAsync($"Platform.Silo: bad configuration: {Innermost(error).Message.ReplaceLineEndings(" ")}");
            return SiloExitCodes.BadConfiguration;
        }
        catch (Exception error)
        {
            // A start-up failure (say, PostgreSQL unreachable) is reported in one line, not as an unhandled crash.
            await stderr.WriteLineAsync($"Platform.Silo: failed to start: {Describe(error)}");
            return SiloExitCodes.Failed;
        }
    }

    private static async Task<int> MakeDevelopmentCertificatesAsync(string directory, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            await stdout.WriteLineAsync(DevelopmentCertificates.Write(directory));
            return SiloExitCodes.Ok;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"Platform.Silo: --make-dev-certs '{directory}' cannot be written: {error.Message}");
            return SiloExitCodes.BadConfiguration;
        }
    }

    public static IReadOnlyDictionary<string, string> ReadEnvironment() =>
        Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? string.Empty, StringComparer.Ordinal);

    /// <summary>
    /// The configuration binder's refusal of a value of the wrong type ("Failed to convert configuration value 'soon' at
    /// 'Alerts:LeaseDuration' to type 'System.TimeSpan'."): a plain InvalidOperationException, told apart by its message.
    /// </summary>
    private static bool IsUnconvertibleValue(Exception error) =>
        error is InvalidOperationException && error.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);

    /// <summary>The innermost exception that says something, in one line: Orleans wraps the cause in lifecycle exceptions.</summary>
    private static string Describe(Exception error)
    {
        var cause = Innermost(error);
        return $"{cause.GetType().Name}: {cause.Message.ReplaceLineEndings(" ")}";
    }

    private static Exception Innermost(Exception error)
    {
        var cause = error;
        while (cause.InnerException is not null
            && cause is AggregateException { InnerExceptions.Count: 1 } or OrleansLifecycleCanceledException or System.Reflection.TargetInvocationException)
        {
            cause = cause.InnerException!;
        }

        return cause;
    }
}
