using Platform.Runtime.Membership;

namespace Platform.Tests.Shared;

/// <summary>
/// A membership table that misbehaves on cue: calls fail (an outage), updates lose their version race (another writer
/// got there first) or a row is hidden. It also counts calls in flight, so that a test on a table with real I/O can
/// wait until the agents are quiet before moving the clock again.
/// </summary>
public sealed class FaultyMembershipTable(IMembershipTable inner) : IMembershipTable
{
    private int _failures;
    private int _lostRaces;
    private int _inFlight;
    private SiloAddress? _hidden;

    public bool IsQuiet => Volatile.Read(ref _inFlight) == 0;

    /// <summary>The next <paramref name="calls"/> calls of any kind throw.</summary>
    public void FailNext(int calls) => Volatile.Write(ref _failures, calls);

    /// <summary>Before each of the next <paramref name="updates"/> updates, another writer moves the table version.</summary>
    public void LoseNextRaces(int updates) => Volatile.Write(ref _lostRaces, updates);

    public void Hide(SiloAddress silo) => _hidden = silo;

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var snapshot = await inner.ReadAllAsync(cancellationToken);
            return _hidden is { } hidden ? snapshot with { Entries = snapshot.Entries.Where(entry => entry.Silo != hidden).ToList() } : snapshot;
        });

    public Task<bool> TryInsertAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        CallAsync(() => inner.TryInsertAsync(entry, expectedVersion, cancellationToken));

    public Task<bool> TryUpdateAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            if (Interlocked.Decrement(ref _lostRaces) >= 0)
            {
                var current = await inner.ReadAllAsync(cancellationToken);
                await inner.TryUpdateAsync(current.Entries[0], current.Version, cancellationToken);
            }

            return await inner.TryUpdateAsync(entry, expectedVersion, cancellationToken);
        });

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await inner.UpdateIAmAliveAsync(silo, time, cancellationToken);
            return true;
        });

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (Interlocked.Decrement(ref _failures) >= 0)
            {
                throw new InvalidOperationException("The membership table is unavailable (injected by the test).");
            }

            return await call();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
