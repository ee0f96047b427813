namespace Platform.Grains.Sync;

/// <summary>
/// One synced entry, named by its entity ("draft") and its key within that entity: the writes to it that no other write
/// received dominates (mutually concurrent, never empty), of which <see cref="Winner"/> gives the value. Keeping the
/// losers, not only the winner, is what makes the outcome independent of arrival order: a later write must dominate all
/// of them to replace them (<see cref="SyncMerge"/>).
/// </summary>
/// <param name="Sequence">The user's sequence of the entry's latest change.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.sync.SyncEntry")]
internal sealed record SyncEntry(
    [property: Id(0)] string Entity,
    [property: Id(1)] string Key,
    [property: Id(2)] long Sequence,
    [property: Id(3)] IReadOnlyList<SyncWrite> Writes)
{
    public SyncWrite Winner()
    {
        var winner = Writes[0];
        foreach (var write in Writes)
        {
            if (SyncMerge.CompareConcurrent(write, winner) > 0)
            {
                winner = write;
            }
        }

        return winner;
    }

    /// <summary>The clock a write must dominate to replace every write held: the counter per device, highest of all writes.</summary>
    public Dictionary<string, long> MergedClock()
    {
        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (device, counter) in Writes.SelectMany(write => write.VectorClock))
        {
            merged[device] = Math.Max(counter, merged.GetValueOrDefault(device));
        }

        return merged;
    }
}
