using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector.Npgsql;
using Platform.Matching;
using Platform.Matching.Hosting;

namespace Platform.PostgreSql.Matching;

/// <summary>Puts the matching index in PostgreSQL (pgvector) instead of memory.</summary>
public static class PostgreSqlMatchingBuilderExtensions
{
    /// <summary>
    /// Replaces the in-memory <see cref="IFreelancerMatchIndex"/> that <c>AddPlatformMatching</c> registers with the
    /// pgvector index in the database of <paramref name="connectionString"/> (call order does not matter). On start the
    /// silo applies the migrations and adds the <c>vector(Matching:Dimensions)</c> column and its HNSW index, or refuses to
    /// start if the stored embeddings have another dimension. Search settings and the pool's size are read from
    /// <paramref name="section"/> (the <c>Matching:PostgreSql</c> section; defaults when null).
    /// </summary>
    public static ISiloBuilder UsePlatformPostgreSqlMatching(this ISiloBuilder builder, string connectionString, IConfiguration? section = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var services = builder.Services;
        var database = PlatformConnectionStrings.Normalize(connectionString);

        var options = services.AddOptions<PostgreSqlMatchingOptions>();
        if (section is not null)
        {
            options.Bind(section);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgreSqlMatchingOptions>>(
            new PostgreSqlMatchingOptionsValidator((section as IConfigurationSection)?.Path ?? "Matching:PostgreSql"));
        services.TryAddSingleton(TimeProvider.System);

        // Registered by a factory so that the container disposes the pool with the silo; sized by the options, so it is
        // built when they are bound.
        services.AddSingleton(provider =>
        {
            var limit = provider.GetRequiredService<IOptions<PostgreSqlMatchingOptions>>().Value.MaxConnections;
            var dataSourceBuilder = new NpgsqlDataSourceBuilder(PlatformConnectionStrings.WithMaxPoolSize(database, limit));
            dataSourceBuilder.UseVector();
            return new MatchingDataSource(dataSourceBuilder.Build());
        });
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MatchingSchemaParticipant>();
        services.Replace(ServiceDescriptor.Singleton<IFreelancerMatchIndex>(provider => new PostgreSqlFreelancerMatchIndex(
            provider.GetRequiredService<MatchingDataSource>().DataSource,
            provider.GetRequiredService<IOptions<MatchingOptions>>().Value.Dimensions,
            provider.GetRequiredService<IOptions<PostgreSqlMatchingOptions>>().Value,
            provider.GetRequiredService<TimeProvider>())));
        return builder;
    }
}
