using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Platform.Persistence;
using Platform.Runtime;

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
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"The PostgreSQL connection string is malformed: {error.Message}", nameof(connectionString), error);
        }

        silo.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(parsed.ConnectionString));
        silo.Services.TryAddSingleton<SchemaMigrator>();
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => new PostgreSqlGrainStorage(services.GetRequiredService<NpgsqlDataSource>()));
        silo.OnStarting(services => services.GetRequiredService<SchemaMigrator>().MigrateAsync());
        return silo;
    }
}
