using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Platform.EventSourcing;
using Platform.Grains;
using Platform.Grains.Alerts;
using Platform.Matching.Hosting;
using Platform.Orleans.Hosting;
using Platform.Orleans.Security;
using Platform.PostgreSql;
using Platform.PostgreSql.Matching;
using Platform.ServiceDefaults;
using Platform.Streams.Hosting;

namespace Platform.Silo;

/// <summary>The one place where the silo's settings become Orleans configuration.</summary>
internal static class SiloHostBuilderExtensions
{
    /// <summary>
    /// Hosts an Orleans silo with the marketplace grains (they come with the referenced Platform.Grains assembly) as
    /// <paramref name="settings"/> say. Ports given as 0 (or, for the smoke check, not given) are picked here.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformSilo(this IHostApplicationBuilder builder, SiloHostSettings settings)
    {
        var endpoints = SiloEndpoints.Resolve(settings);
        builder.UseOrleans(silo =>
        {
            var configuration = builder.Configuration;
            if (settings.Storage == StorageProvider.Postgres)
            {
                silo.UsePlatformPostgreSql(settings.PostgresConnectionString!).UsePlatformPostgreSqlLedger();
                silo.UsePlatformPostgreSqlMatching(settings.PostgresConnectionString!, configuration.GetSection("Matching:PostgreSql"));
            }
            else
            {
                // One silo, its own membership table in memory: nothing else to run.
                silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, null, settings.ServiceId, settings.ClusterId)
                    .AddMemoryGrainStorageAsDefault()
                    .AddMemoryGrainStorage("PubSubStore")
                    .UseInMemoryReminderService()
                    .AddMemoryEventJournal();
            }

            if (settings.UseKubernetes)
            {
                // In a pod the silo's name stays the pod's (silo-a-...), as Kubernetes hosting sets it: it finds the pod
                // of a dead silo by that name.
                silo.UseKubernetesHosting();
            }
            else
            {
                // The dashboard's silo table shows silo names: with the zone first it reads by zone. Host and port keep
                // the name one silo's across restarts and unique in the cluster, as Orleans' restart detection expects.
                silo.Configure<SiloOptions>(options => options.SiloName = $"{settings.Zone}/{Dns.GetHostName()}:{endpoints.SiloPort}");
            }

            // After Kubernetes hosting, which would otherwise take the ids from ORLEANS_CLUSTER_ID/ORLEANS_SERVICE_ID.
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            silo.Configure<EndpointOptions>(endpoints.Configure);
            if (settings.Tls is { } tls)
            {
                // Read now, so that a missing file or a key of another certificate stops the silo (exit code 2) before it listens.
                silo.UsePlatformMutualTls(MutualTlsCredentials.ForSilo(tls, SettingOptions.TlsOptionOf));
            }

            silo.UseSiloMetadata(new Dictionary<string, string> { [ZonePlacement.MetadataKey] = settings.Zone });
            silo.AddPlatformExtensions();

            // The Orleans dashboard's grains and per-method profiling; the API serves its pages (decision 0010). Profiling
            // runs only while a dashboard page polls (and a minute or two after); otherwise its filter checks a flag.
            silo.AddDashboard();

            silo.AddPlatformStreams(configuration.GetSection("Streams"));
            silo.AddPlatformMatching(configuration.GetSection("Matching"));
            silo.AddPlatformEscrow(builder.Configuration.GetSection("Payments"));
            silo.AddPlatformAlerts(configuration.GetSection(AlertOptions.SectionName));

            // Post-configured so that what the user gave wins over Orleans' and the platform's defaults alike.
            silo.Services.PostConfigure<ClusterMembershipOptions>(settings.Apply);
            silo.Services.PostConfigure<SiloMessagingOptions>(settings.Apply);
            silo.Services.PostConfigure<GrainCollectionOptions>(settings.Apply);
            silo.Services.PostConfigure<LoadSheddingOptions>(settings.Apply);

            // Past its CPU or memory threshold (95 % and 90 % unless --load-shedding-* say otherwise) a gateway refuses
            // new client requests at once (GatewayTooBusyException, a 503 at the API) instead of queueing them behind work
            // it cannot finish in time; calls between grains still run.
            silo.Services.Configure<LoadSheddingOptions>(options => options.LoadSheddingEnabled = true);
        });

        if (settings.Storage == StorageProvider.Postgres)
        {
            builder.Services.AddHealthChecks().AddPlatformPostgreSql(settings.PostgresConnectionString!);
        }

        builder.Services.AddSingleton<SiloFatalErrorHandler>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler>(services => services.GetRequiredService<SiloFatalErrorHandler>()));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);
        return builder;
    }

    /// <summary>Where the silo listens and what it advertises, with ports of 0 replaced by free ones.</summary>
    private sealed record SiloEndpoints(int SiloPort, int GatewayPort, IPAddress? Listen, IPAddress? Advertised)
    {
        public static SiloEndpoints Resolve(SiloHostSettings settings)
        {
            var bind = settings.ListenAddress ?? settings.AdvertisedAddress ?? IPAddress.Loopback;
            var defaultSiloPort = settings.Smoke ? 0 : SiloHostSettings.DefaultSiloPort;
            var defaultGatewayPort = settings.Smoke ? 0 : SiloHostSettings.DefaultGatewayPort;
            var siloPort = settings.SiloPort ?? defaultSiloPort;
            var gatewayPort = settings.GatewayPort ?? defaultGatewayPort;

            // In a pod Kubernetes hosting advertises the pod IP; elsewhere a silo that was told nothing is on loopback.
            var advertised = settings.AdvertisedAddress
                ?? (settings.ListenAddress is { } listen && !listen.Equals(IPAddress.Any) ? listen : null)
                ?? (settings.UseKubernetes ? null : IPAddress.Loopback);
            return new SiloEndpoints(
                siloPort == 0 ? FreePort.Pick(bind) : siloPort,
                gatewayPort == 0 ? FreePort.Pick(bind) : gatewayPort,
                settings.ListenAddress,
                advertised);
        }

        public void Configure(EndpointOptions options)
        {
            options.SiloPort = SiloPort;
            options.GatewayPort = GatewayPort;
            if (Advertised is not null)
            {
                options.AdvertisedIPAddress = Advertised;
            }

            if (Listen is not null)
            {
                options.SiloListeningEndpoint = new IPEndPoint(Listen, SiloPort);
                options.GatewayListeningEndpoint = new IPEndPoint(Listen, GatewayPort);
            }
        }
    }
}
