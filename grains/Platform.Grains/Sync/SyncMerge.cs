namespace Platform.Grains.Sync;

/// <summary>
/// The conflict rule of offline sync: deterministic last-write-wins over vector clocks, the same whatever order the
/// writes arrive in.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>A write whose vector clock dominates another's (no counter lower, at least one higher) replaces it: it was made
/// by a device that had seen the other, so it wins regardless of timestamps and of arrival order.</item>
/// <item>Among writes none of which dominates another (concurrent), the winner has the latest effective timestamp, then
/// the greatest device id, then the greatest transaction hash (ordinal comparisons, so every silo agrees).</item>
/// <item>The effective timestamp is the client's timestamp clamped to the server's receive time. A device whose clock
/// runs an hour ahead would otherwise win every concurrent conflict for that hour, including against writes made
/// after its own; clamped, its write counts as made when it arrived, and a later write wins. A clock that runs behind
/// is not corrected: such a device only loses conflicts it might have won.</item>
/// </list>
/// An entry keeps every write not dominated by another, so the winner is the best of that set; that set, unlike a
/// running winner, is the same for every arrival order (the clamping aside, which depends on when writes arrive).
/// </remarks>
internal static class SyncMerge
{
    /// <summary>
    /// Applies the mutations not seen before, in order, each change of an entry getting the next sequence. The batch must
    /// have passed <see cref="SyncRequestRules.Check"/>.
    /// </summary>
    /// <returns>The next state (the same instance when every mutation was a duplicate) and one outcome per mutation.</returns>
    public static (SyncState Next, MutationOutcome[] Outcomes) Apply(SyncState state, IReadOnlyList<ClientMutation> mutations, DateTimeOffset receivedAt)
    {
        var entries = state.Entries.ToDictionary(entry => (entry.Entity, entry.Key));
        var seen = state.SeenTransactions.ToHashSet(StringComparer.Ordinal);
        var received = new List<string>();
        var sequence = state.LastSequence;
        var outcomes = new MutationOutcome[mutations.Count];
        for (var i = 0; i < mutations.Count; i++)
        {
            var mutation = mutations[i];
            if (!seen.Add(mutation.TransactionHash))
            {
                outcomes[i] = new MutationOutcome(mutation.TransactionHash, MutationStatus.Duplicate);
                continue;
            }

            received.Add(mutation.TransactionHash);
            var write = new SyncWrite(
                mutation.TransactionHash,
                mutation.DeviceId,
                new Dictionary<string, long>(mutation.VectorClock, StringComparer.Ordinal),
                mutation.Value,
                EffectiveTimestamp(mutation.ClientTimestamp, receivedAt));
            var id = (mutation.Entity, mutation.Key);
            IReadOnlyList<SyncWrite> held = entries.TryGetValue(id, out var entry) ? entry.Writes : [];
            if (held.Any(other => Dominates(other.VectorClock, write.VectorClock)))
            {
                outcomes[i] = new MutationOutcome(mutation.TransactionHash, MutationStatus.Superseded);
                continue;
            }

            // A concurrent write that loses still changes the entry (its clock joins the merged clock), so it gets a
            // sequence too: the device that sent it then receives the winning value in the changes.
            var writes = held.Where(other => !Dominates(write.VectorClock, other.VectorClock)).Append(write).ToArray();
            var next = new SyncEntry(mutation.Entity, mutation.Key, ++sequence, writes);
            entries[id] = next;
            var won = next.Winner().TransactionHash == write.TransactionHash;
            outcomes[i] = new MutationOutcome(mutation.TransactionHash, won ? MutationStatus.Applied : MutationStatus.Superseded);
        }

        if (received.Count == 0)
        {
            return (state, outcomes);
        }

        var nextState = state with
        {
            LastSequence = sequence,
            Entries = entries.Values.OrderBy(entry => entry.Sequence).ToArray(),
            SeenTransactions = state.SeenTransactions.Concat(received).ToArray(),
        };
        return (nextState, outcomes);
    }

    /// <summary>The current state of every entry changed after <paramref name="cursor"/>, oldest change first.</summary>
    public static ServerChange[] ChangesSince(SyncState state, long cursor) =>
        state.Entries
            .Where(entry => entry.Sequence > cursor)
            .Select(entry =>
            {
                var winner = entry.Winner();
                return new ServerChange(
                    entry.Sequence,
                    entry.Entity,
                    entry.Key,
                    winner.Value,
                    entry.MergedClock(),
                    winner.DeviceId,
                    winner.TransactionHash,
                    winner.Timestamp);
            })
            .ToArray();

    /// <summary>Whether <paramref name="clock"/> has seen everything <paramref name="other"/> has, and more (a device missing from a clock counts 0).</summary>
    public static bool Dominates(IReadOnlyDictionary<string, long> clock, IReadOnlyDictionary<string, long> other)
    {
        var ahead = false;
        foreach (var (device, counter) in other)
        {
            var own = clock.GetValueOrDefault(device);
            if (own < counter)
            {
                return false;
            }

            ahead |= own > counter;
        }

        return ahead || clock.Any(pair => pair.Value > 0 && !other.ContainsKey(pair.Key));
    }

    /// <summary>Orders two concurrent writes: positive when <paramref name="write"/> wins over <paramref name="other"/>.</summary>
    public static int CompareConcurrent(SyncWrite write, SyncWrite other)
    {
        var byTime = write.Timestamp.CompareTo(other.Timestamp);
        if (byTime != 0)
        {
            return byTime;
        }

        var byDevice = string.CompareOrdinal(write.DeviceId, other.DeviceId);
        return byDevice != 0 ? byDevice : string.CompareOrdinal(write.TransactionHash, other.TransactionHash);
    }

    public static DateTimeOffset EffectiveTimestamp(DateTimeOffset clientTimestamp, DateTimeOffset receivedAt) =>
        (clientTimestamp > receivedAt ? receivedAt : clientTimestamp).ToUniversalTime();
}
