using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Platform.Orleans.Hosting;
using Platform.Orleans.Security;
using Platform.PostgreSql;

namespace Platform.Client;

/// <summary>The client SDK's one entry: Orleans' <see cref="IClusterClient"/>, configured for the Platform cluster.</summary>
public static class PlatformClientHostingExtensions
{
    /// <summary>
    /// Registers an Orleans <see cref="IClusterClient"/> (and <see cref="IGrainFactory"/>) that connects when the host
    /// starts, with the platform's client extensions (call retry, failure detection). Grain interfaces come with the
    /// referenced Platform.Grains.Abstractions.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are incomplete or malformed, or a certificate file is missing or unusable; the message names each bad value.</exception>
    public static IHostApplicationBuilder AddPlatformClient(this IHostApplicationBuilder builder, Action<PlatformClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PlatformClientOptions();
        configure(options);

        // Checked here, not when the host starts, so a misconfigured caller fails where it configured the client; the
        // certificate files are read once the rest makes sense.
        PlatformClientOptionsValidator.ThrowIfInvalid(options);
        var tls = options.Tls is null ? null : MutualTlsCredentials.ForClient(options.Tls, property => $"{nameof(PlatformClientOptions)}.{nameof(options.Tls)}.{property}");
        builder.UseOrleansClient(client =>
        {
            if (tls is not null)
            {
                client.UsePlatformMutualTls(tls);
            }

            if (options.PostgresConnectionString is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
            {
                client.UsePlatformPostgreSqlClustering(connectionString);
            }
            else
            {
                client.UseStaticClustering([.. options.Gateways.Select(PlatformClientOptionsValidator.ParseGateway)]);
            }

            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            client.AddPlatformExtensions();
            if (options.ResponseTimeout is { } timeout)
            {
                // Post-configured: the caller's value wins over the platform's client defaults.
                client.Services.PostConfigure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = timeout);
            }
        });
        return builder;
    }
}
