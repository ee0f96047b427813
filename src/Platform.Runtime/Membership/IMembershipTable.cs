namespace Platform.Runtime.Membership;

/// <summary>
/// Cluster membership with optimistic concurrency, as in Orleans: every change of status or votes names the table
/// version it was decided on and fails (returns false) if another silo changed the table meanwhile; the caller then
/// re-reads and decides again. Heartbeats (<see cref="UpdateIAmAliveAsync"/>) do not change the version.
/// </summary>
public interface IMembershipTable
{
    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken);

    /// <returns>False if the table version is no longer <paramref name="expectedVersion"/> or the incarnation exists.</returns>
    Task<bool> TryInsertAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken);

    /// <returns>False if the table version is no longer <paramref name="expectedVersion"/> or the incarnation is unknown.</returns>
    Task<bool> TryUpdateAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken);

    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken);
}
