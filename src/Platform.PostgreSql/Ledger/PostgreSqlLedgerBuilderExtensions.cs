using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Payments.Ledger;
using Platform.PostgreSql.Ledger;

// In the assembly's root namespace, beside UsePlatformPostgreSql, so a silo that imports Platform.PostgreSql finds it.
namespace Platform.PostgreSql;

/// <summary>Puts the escrow ledger in the platform's PostgreSQL database instead of memory.</summary>
public static class PostgreSqlLedgerBuilderExtensions
{
    /// <summary>
    /// Replaces the in-memory <see cref="ILedgerStore"/> (call order with <c>AddPlatformEscrow</c> does not matter) with
    /// the ledger tables of migration 0006, in the database of <see cref="PostgreSqlBuilderExtensions.UsePlatformPostgreSql"/>:
    /// the ledger lives beside the journal it is projected from, and the silo's migration creates it.
    /// </summary>
    public static ISiloBuilder UsePlatformPostgreSqlLedger(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ILedgerStore>(provider => new PostgreSqlLedgerStore(
            (provider.GetService<PlatformDataSource>()
                ?? throw new InvalidOperationException(
                    "UsePlatformPostgreSqlLedger() keeps the ledger in the platform database: call silo.UsePlatformPostgreSql(connectionString) too.")).DataSource)));
        return builder;
    }
}
