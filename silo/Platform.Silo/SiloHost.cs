using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Platform.Orleans.Security;
using Platform.ServiceDefaults;

namespace Platform.Silo;

/// <summary>Builds the generic host that runs the silo, and reports it running.</summary>
internal static class SiloHost
{
    /// <param name="logsToStandardError">Sends every log line to stderr, keeping stdout for output a caller parses.</param>
    public static IHost Build(SiloHostSettings settings, bool logsToStandardError)
    {
        if (settings.ServedHttpPort is not { } httpPort)
        {
            // No args: the command line was parsed already, and the configuration provider would misread flags like --smoke.
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            Configure(builder, settings, logsToStandardError);
            return builder.Build();
        }

        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        Configure(web, settings, logsToStandardError);
        var address = settings.ListenAddress ?? settings.AdvertisedAddress ?? IPAddress.Loopback;
        web.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, httpPort));

        // The probes answer while the silo joins (the web server would otherwise start only once Orleans has), so a
        // silo stuck on an unreachable database says so on /health/ready instead of refusing connections.
        web.Services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        web.Services.AddHealthChecks()
            .AddCheck<SiloMembershipHealthCheck>("membership", tags: [PlatformServiceDefaults.ReadyTag]);
        var app = web.Build();
        app.MapPlatformDefaultEndpoints();
        return app;
    }

    public static void LogRunning(IHost host, SiloHostSettings settings)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Silo");
        var silo = host.Services.GetRequiredService<ILocalSiloDetails>();
        SiloLog.Running(
            logger,
            $"{silo.SiloAddress.Endpoint}@{silo.SiloAddress.Generation}",
            silo.GatewayAddress?.Endpoint.ToString() ?? "none",
            HttpAddress(host),
            settings.Zone,
            settings.ClusterId,
            settings.ServiceId,
            settings.DescribeStorage(),
            settings.UseKubernetes ? ", Kubernetes hosting" : string.Empty,
            host.Services.GetService<MutualTlsCredentials>() is { } tls ? $"mutual TLS as {tls.Describe()}" : "plain TCP (no TLS)");
    }

    private static void Configure(IHostApplicationBuilder builder, SiloHostSettings settings, bool logsToStandardError)
    {
        builder.Logging.ClearProviders();
        builder.AddPlatformServiceDefaults();

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
    }

    /// <summary>Where Kestrel listens, with the port it picked when given 0; "none" without a listener.</summary>
    private static string HttpAddress(IHost host) =>
        host.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } url
            ? new Uri(url).Authority
            : "none";
}
