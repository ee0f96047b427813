using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Payments.Ledger;

/// <summary>Registers the in-memory ledger store.</summary>
public static class LedgerBuilderExtensions
{
    /// <summary>
    /// The ledger in the silo's memory, unless another <see cref="ILedgerStore"/> is registered (PostgreSQL's
    /// <c>UsePlatformPostgreSqlLedger</c> replaces it whichever is called first).
    /// </summary>
    public static ISiloBuilder AddMemoryLedgerStore(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ILedgerStore, MemoryLedgerStore>();
        return builder;
    }
}
