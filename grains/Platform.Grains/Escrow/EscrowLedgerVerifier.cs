using Microsoft.Extensions.DependencyInjection;
using Platform.EventSourcing;
using Platform.Payments.Ledger;

namespace Platform.Grains.Escrow;

/// <summary>
/// Recomputes a tenant's balances from the journal's escrow events (the postings are a pure function of them) up to the
/// position the stored balances reflect, and compares them with the stored ones.
/// </summary>
internal sealed class EscrowLedgerVerifier(IServiceProvider services, ILedgerStore store)
{
    private const int PageSize = 1000;

    public async Task<LedgerVerification> VerifyAsync(string tenantId, CancellationToken cancellationToken)
    {
        var journal = services.GetRequiredKeyedService<IEventJournal>(IEventJournal.DefaultName);
        var stored = await store.ReadSnapshotAsync(tenantId, cancellationToken);
        var expected = new Dictionary<(string Account, string Currency), (long Debits, long Credits)>();
        var postings = 0L;
        var after = 0L;
        while (after < stored.Position)
        {
            var page = await journal.ReadAllAsync(after, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var recorded in page.TakeWhile(recorded => recorded.Position <= stored.Position))
            {
                if (EscrowPostings.TryDerive(recorded, out var posting) && posting.TenantId == tenantId)
                {
                    postings++;
                    foreach (var line in posting.Lines)
                    {
                        var key = (Account: line.Account.Name, posting.Currency);
                        var (debits, credits) = expected.GetValueOrDefault(key);
                        expected[key] = (debits + line.Debit, credits + line.Credit);
                    }
                }
            }

            after = Math.Min(page[^1].Position, stored.Position);
        }

        var storedByKey = stored.Balances.ToDictionary(balance => (Account: balance.Account.Name, balance.Currency));
        var mismatches = storedByKey.Keys.Union(expected.Keys)
            .Order()
            .Select(key =>
            {
                var (storedDebits, storedCredits) = storedByKey.TryGetValue(key, out var balance) ? (balance.Debits, balance.Credits) : (0L, 0L);
                var (expectedDebits, expectedCredits) = expected.GetValueOrDefault(key);
                return storedDebits == expectedDebits && storedCredits == expectedCredits
                    ? null
                    : new LedgerMismatch(LedgerAccount.Parse(key.Account), key.Currency, storedDebits, storedCredits, expectedDebits, expectedCredits);
            })
            .OfType<LedgerMismatch>()
            .ToArray();
        var unbalanced = stored.Balances
            .GroupBy(balance => balance.Currency)
            .Where(currency => currency.Sum(balance => balance.Debits) != currency.Sum(balance => balance.Credits))
            .Select(currency => currency.Key)
            .Order()
            .ToArray();
        return new LedgerVerification(tenantId, stored.Position, postings, stored.Balances.Count, mismatches, unbalanced);
    }
}
