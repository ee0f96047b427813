using Orleans.Concurrency;
using Platform.Grains.Tenancy;
using Platform.Payments.Ledger;

namespace Platform.Grains.Escrow;

/// <summary>
/// Reads and verifies one tenant's ledger on the silo it runs on (a stateless worker: the store and the journal are
/// the silo's, shared by all silos when they are PostgreSQL).
/// </summary>
[GrainType("escrow-ledger")]
[StatelessWorker(1)]
internal sealed class EscrowLedgerGrain(EscrowLedgerProjection projection, EscrowLedgerVerifier verifier, ILedgerStore store) : Grain, IEscrowLedgerGrain
{
    private string TenantId => TenantKey.CheckTenantId(this.GetPrimaryKeyString());

    public async Task<IReadOnlyList<LedgerBalance>> GetBalances() => (await store.ReadSnapshotAsync(TenantId, CancellationToken.None)).Balances;

    public async Task<LedgerVerification> Verify()
    {
        var tenantId = TenantId;
        await projection.CatchUpAsync(CancellationToken.None);
        return await verifier.VerifyAsync(tenantId, CancellationToken.None);
    }
}
