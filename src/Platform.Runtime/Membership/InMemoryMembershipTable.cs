namespace Platform.Runtime.Membership;

/// <summary>
/// A membership table in process memory with the same optimistic-concurrency contract as the PostgreSQL table: for
/// in-process clusters in tests, where every silo shares one instance.
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, MembershipEntry> _entries = [];
    private long _version;

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var entries = _entries.Values
                .OrderBy(entry => entry.Silo.Host, StringComparer.Ordinal)
                .ThenBy(entry => entry.Silo.Port)
                .ThenBy(entry => entry.Silo.Generation)
                .ToList();
            return Task.FromResult(new MembershipSnapshot(_version, entries));
        }
    }

    public Task<bool> TryInsertAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        Task.FromResult(TryChange(entry, expectedVersion, mustExist: false));

    public Task<bool> TryUpdateAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        Task.FromResult(TryChange(entry, expectedVersion, mustExist: true));

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(silo, out var entry))
            {
                _entries[silo] = entry with { IAmAliveTime = time };
            }
        }

        return Task.CompletedTask;
    }

    private bool TryChange(MembershipEntry entry, long expectedVersion, bool mustExist)
    {
        lock (_lock)
        {
            if (_version != expectedVersion || _entries.ContainsKey(entry.Silo) != mustExist)
            {
                return false;
            }

            _entries[entry.Silo] = entry with { SuspectVotes = entry.SuspectVotes.ToArray() };
            _version++;
            return true;
        }
    }
}
