using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Platform.EventSourcing;
using Platform.Persistence;
using Platform.Runtime;
using Platform.Runtime.Membership;
using Platform.Runtime.Reminders;

namespace Platform.PostgreSql;

/// <summary>Registers PostgreSQL-backed providers on a silo.</summary>
public static class PostgreSqlSiloBuilderExtensions
{
    /// <summary>
    /// Grain storage named <paramref name="name"/> in the database of <paramref name="connectionString"/>. The schema is
    /// migrated when the silo starts (safe when several silos start at once).
    /// </summary>
    public static SiloBuilder AddPostgreSqlGrainStorage(this SiloBuilder silo, string connectionString, string name = "Default")
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        AddDatabase(silo, connectionString);
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => new PostgreSqlGrainStorage(services.GetRequiredService<NpgsqlDataSource>()));
        return silo;
    }

    /// <summary>
    /// An event journal named <paramref name="name"/> in the database of <paramref name="connectionString"/> (see
    /// <see cref="PostgreSqlEventJournal"/>). Names select registrations: two names on one database share its streams.
    /// </summary>
    public static SiloBuilder AddPostgreSqlEventJournal(this SiloBuilder silo, string connectionString, string name = IEventJournal.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        AddDatabase(silo, connectionString);
        silo.Services.AddKeyedSingleton<IEventJournal>(name, (services, _) =>
            new PostgreSqlEventJournal(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<TimeProvider>()));
        return silo;
    }

    /// <summary>
    /// Makes the silo a cluster member whose membership table lives in the database of <paramref name="connectionString"/>,
    /// under the cluster id of <paramref name="configure"/>'s <see cref="ClusterOptions"/>.
    /// </summary>
    public static SiloBuilder UsePostgreSqlClustering(this SiloBuilder silo, string connectionString, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        AddDatabase(silo, connectionString);
        var options = new ClusterOptions();
        configure?.Invoke(options);
        silo.UseCluster(configure);
        silo.Services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(services =>
            new PostgreSqlMembershipTable(services.GetRequiredService<NpgsqlDataSource>(), options.ClusterId)));
        return silo;
    }

    /// <summary>
    /// Keeps reminders in the database of <paramref name="connectionString"/>, under the silo's cluster id (that of
    /// <see cref="UsePostgreSqlClustering"/> or <see cref="SiloBuilder.UseCluster"/>, else the default), so that they
    /// survive restarts and move to the grain's new owner when a silo dies or leaves. Separate from clustering because
    /// a silo can keep state and reminders in PostgreSQL while its membership stays in memory.
    /// </summary>
    public static SiloBuilder AddPostgreSqlReminders(this SiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        AddDatabase(silo, connectionString);
        silo.Services.Replace(ServiceDescriptor.Singleton<IReminderTable>(services => new PostgreSqlReminderTable(
            services.GetRequiredService<NpgsqlDataSource>(),
            (services.GetService<ClusterOptions>() ?? new ClusterOptions()).ClusterId)));
        return silo;
    }

    private static void AddDatabase(SiloBuilder silo, string connectionString)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"The PostgreSQL connection string is malformed: {error.Message}", nameof(connectionString), error);
        }

        if (silo.Services.Any(descriptor => descriptor.ServiceType == typeof(SchemaMigrator)))
        {
            return;
        }

        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(parsed.ConnectionString));
        silo.Services.AddSingleton<SchemaMigrator>();
        silo.OnStarting(services => services.GetRequiredService<SchemaMigrator>().MigrateAsync());
    }
}
