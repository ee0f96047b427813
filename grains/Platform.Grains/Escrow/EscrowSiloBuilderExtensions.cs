using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Grains.Escrow;
using Platform.Payments.Hosting;
using Platform.Payments.Ledger;

// In the assembly's root namespace, beside the grains' other hosting code, so a silo that imports Platform.Grains finds it.
namespace Platform.Grains;

/// <summary>Everything the escrow grains need on a silo.</summary>
public static class EscrowSiloBuilderExtensions
{
    /// <summary>
    /// The payment provider from <paramref name="paymentsSection"/> (<see cref="PaymentsSiloBuilderExtensions.AddPlatformPayments"/>),
    /// the ledger projection on this silo, and the in-memory ledger store unless another is registered (on PostgreSQL
    /// call <c>UsePlatformPostgreSqlLedger()</c> too). Needs an event journal (<c>AddMemoryEventJournal</c> or <c>UsePlatformPostgreSql</c>).
    /// </summary>
    public static ISiloBuilder AddPlatformEscrow(this ISiloBuilder silo, IConfiguration paymentsSection)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddPlatformPayments(paymentsSection).AddMemoryLedgerStore();
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EscrowLedgerProjection>();
        services.AddSingleton<EscrowLedgerVerifier>();
        services.AddSingleton<EscrowLedgerProjectionService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<EscrowLedgerProjectionService>());
        services.AddSingleton<EscrowPaymentWebhooks>();
        return silo;
    }
}
