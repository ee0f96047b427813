using Platform.Grains.Escrow;

namespace Platform.Payments.Ledger;

/// <summary>The ledger in the silo's memory: the embedded default, with the same rules as the PostgreSQL store.</summary>
internal sealed class MemoryLedgerStore : ILedgerStore
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _postingIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _postingsPerTenant = new(StringComparer.Ordinal);
    private readonly Dictionary<(string TenantId, string Account, string Currency), (long Debits, long Credits)> _balances = [];
    private long _checkpoint;

    public Task<long> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_checkpoint);
        }
    }

    public Task<bool> ApplyAsync(long expectedCheckpoint, long nextCheckpoint, IReadOnlyList<LedgerPosting> postings, CancellationToken cancellationToken)
    {
        LedgerStoreArguments.CheckApply(expectedCheckpoint, nextCheckpoint, postings);
        lock (_lock)
        {
            if (_checkpoint != expectedCheckpoint)
            {
                return Task.FromResult(false);
            }

            foreach (var posting in postings.Where(posting => _postingIds.Add(posting.PostingId)))
            {
                _postingsPerTenant[posting.TenantId] = _postingsPerTenant.GetValueOrDefault(posting.TenantId) + 1;
                foreach (var line in posting.Lines)
                {
                    var key = (posting.TenantId, line.Account.Name, posting.Currency);
                    var (debits, credits) = _balances.GetValueOrDefault(key);
                    _balances[key] = (debits + line.Debit, credits + line.Credit);
                }
            }

            _checkpoint = nextCheckpoint;
            return Task.FromResult(true);
        }
    }

    public Task<LedgerSnapshot> ReadSnapshotAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        lock (_lock)
        {
            var balances = _balances
                .Where(entry => entry.Key.TenantId == tenantId)
                .Select(entry => new LedgerBalance(LedgerAccount.Parse(entry.Key.Account), entry.Key.Currency, entry.Value.Debits, entry.Value.Credits))
                .OrderBy(balance => balance.Account.Name, StringComparer.Ordinal)
                .ThenBy(balance => balance.Currency, StringComparer.Ordinal)
                .ToArray();
            return Task.FromResult(new LedgerSnapshot(_checkpoint, _postingsPerTenant.GetValueOrDefault(tenantId), balances));
        }
    }
}
