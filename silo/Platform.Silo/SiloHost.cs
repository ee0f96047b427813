using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Platform.Silo;

/// <summary>Builds the generic host that runs the silo, and reports it running.</summary>
internal static class SiloHost
{
    /// <param name="logsToStandardError">Sends every log line to stderr, keeping stdout for output a caller parses.</param>
    public static IHost Build(SiloHostSettings settings, bool logsToStandardError)
    {
        // No args: the command line was parsed already, and the configuration provider would misread flags like --smoke.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });

        // Orleans reports every start-up step at Information; its warnings and errors are what an operator needs.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        // A failed start is reported by Orleans (with the stack) and by the program's one summary line; the host's
        // own "Hosting failed to start" would repeat the same stack a third time.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        if (logsToStandardError)
        {
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        // The ready line says it all; the host's "Application started" banner would only repeat it.
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.AddPlatformSilo(settings);
        return builder.Build();
    }

    public static void LogRunning(IHost host, SiloHostSettings settings)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Silo");
        var silo = host.Services.GetRequiredService<ILocalSiloDetails>();
        SiloLog.Running(
            logger,
            $"{silo.SiloAddress.Endpoint}@{silo.SiloAddress.Generation}",
            silo.GatewayAddress?.Endpoint.ToString() ?? "none",
            settings.Zone,
            settings.ClusterId,
            settings.ServiceId,
            settings.DescribeStorage(),
            settings.UseKubernetes ? ", Kubernetes hosting" : string.Empty);
    }
}
