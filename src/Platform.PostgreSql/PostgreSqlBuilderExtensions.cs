using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;
using Platform.EventSourcing;

namespace Platform.PostgreSql;

/// <summary>Puts a silo's (or client's) cluster data in PostgreSQL through the Orleans ADO.NET providers.</summary>
public static class PostgreSqlBuilderExtensions
{
    /// <summary>The ADO.NET provider invariant of Npgsql (the grain storage provider defaults to SQL Server otherwise).</summary>
    private const string NpgsqlInvariant = "Npgsql";

    private const string NpgsqlNamespace = "Npgsql";

    /// <summary>The grain storage streams keep their subscriptions in.</summary>
    private const string PubSubStorageName = "PubSubStore";

    /// <summary>The tag of the checks a host's readiness probe runs (Platform.ServiceDefaults maps it to /health/ready).</summary>
    private const string ReadyTag = "ready";

    /// <summary>
    /// Keeps everything the silo must not lose in the database of <paramref name="connectionString"/>: the schema is
    /// migrated first (safe when several silos start at once; health check "schema" says whether it is current), then ADO.NET clustering, ADO.NET grain storage as the
    /// default storage ("Default", also registered as "PubSubStore"), ADO.NET reminders, and the PostgreSQL event journal
    /// behind journaled grains (<see cref="JournaledGrainBase{TState, TEvent}"/>).
    /// </summary>
    public static ISiloBuilder UsePlatformPostgreSql(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dataSource = NpgsqlDataSource.Create(PlatformConnectionStrings.Normalize(connectionString));
        var services = builder.Services;

        // One pool for the three providers, the migrator, the journal and the ledger instead of one per provider, bounded
        // by the connection string's Maximum Pool Size or PlatformConnectionStrings.DefaultMaxPoolSize. Registered by a
        // factory so that the container disposes it with the silo.
        services.AddSingleton(_ => new PlatformDataSource(dataSource));
        services.AddSingleton(provider => new SchemaMigrator(provider.GetRequiredService<PlatformDataSource>().DataSource));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationParticipant>();
        services.AddHealthChecks().AddCheck<SchemaHealthCheck>("schema", tags: [ReadyTag]);

        // A grain call whose state write meets PostgreSQL down fails with Npgsql's exception. Orleans serializes only
        // exceptions of the namespaces listed here: without Npgsql the reply itself fails to serialize and the caller
        // gets a CodecNotFoundException that says nothing about the database.
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add(NpgsqlNamespace));

        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.DataSource = dataSource;
        });
        builder.AddAdoNetGrainStorageAsDefault(options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.DataSource = dataSource;
        });

        // The same provider instance under a second name: rows are keyed by state name and grain, not by provider name,
        // so a second provider on the same database would only duplicate the start-up work.
        services.AddKeyedSingleton<IGrainStorage>(
            PubSubStorageName, (provider, _) => provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.DataSource = dataSource;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton<IEventJournal>(IEventJournal.DefaultName, (provider, _) => new PostgreSqlEventJournal(
            provider.GetRequiredService<PlatformDataSource>().DataSource, provider.GetRequiredService<TimeProvider>()));
        return builder.AddJournaledGrainSupport();
    }

    /// <summary>
    /// Lets a client find the gateways in the membership table of the database of <paramref name="connectionString"/>
    /// (the silos' <see cref="UsePlatformPostgreSql"/> creates and fills it; clients never migrate).
    /// </summary>
    public static IClientBuilder UsePlatformPostgreSqlClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = PlatformConnectionStrings.Normalize(connectionString);
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.ConnectionString = database;
        });
    }
}
