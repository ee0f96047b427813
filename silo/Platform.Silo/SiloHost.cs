using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Platform.Grains;
using Platform.PostgreSql;
using Platform.Runtime;

namespace Platform.Silo;

/// <summary>Builds the generic host that runs the silo with the marketplace grains.</summary>
internal static class SiloHost
{
    private static readonly System.Reflection.Assembly[] GrainAssemblies = [typeof(MarketplaceGrains).Assembly];

    /// <param name="logsToStandardError">Sends every log line to stderr, keeping stdout for output a caller parses.</param>
    public const int DefaultPort = 11111;

    /// <param name="defaultPort">The port when none was configured: the smoke check uses 0 so that it never clashes with a running silo.</param>
    public static IHost Build(SiloHostSettings settings, bool logsToStandardError, int defaultPort = DefaultPort)
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
        if (logsToStandardError)
        {
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        // The silo logs its own start line; the host's "Application started" banner would only repeat it.
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);

        var siloOptions = settings.CreateSiloOptions();

        // The host cancels StopAsync after its own timeout; give the silo its whole shutdown budget plus a margin, so
        // activations finish deactivating instead of being cut off by the host.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = siloOptions.ShutdownTimeout + TimeSpan.FromSeconds(5));
        builder.Services.AddPlatformSilo(silo =>
        {
            foreach (var assembly in GrainAssemblies)
            {
                silo.AddGrains(assembly);
            }

            silo.Configure(settings.ConfigureSilo);

            // Without a registration of its own the silo falls back to embedded in-memory storage and reminders.
            if (settings.Storage == StorageProvider.Postgres)
            {
                silo.AddPostgreSqlGrainStorage(settings.PostgresConnectionString!, siloOptions.DefaultStorageName);
                silo.AddPostgreSqlReminders(settings.PostgresConnectionString!);
                silo.AddPostgreSqlEventJournal(settings.PostgresConnectionString!);
            }

            void ConfigureCluster(ClusterOptions cluster) => settings.Cluster.Apply(cluster, defaultPort);
            if (settings.Cluster.Membership == StorageProvider.Postgres)
            {
                silo.UsePostgreSqlClustering(settings.PostgresConnectionString!, ConfigureCluster);
            }
            else
            {
                silo.UseCluster(ConfigureCluster);
            }
        });
        return builder.Build();
    }

    public static void LogRunning(IHost host, SiloHostSettings settings)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Silo");
        var silo = host.Services.GetRequiredService<Runtime.Silo>();
        SiloLog.Running(logger, silo.Address.ToString(), settings.Cluster.Zone ?? "default", settings.DescribeStorage(),
            StorageProviders.Name(settings.Cluster.Membership), string.Join(", ", silo.GrainTypes));
    }
}
