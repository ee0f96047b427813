namespace Platform.Runtime.Membership;

/// <summary>
/// Asks another silo whether it is alive (the transport sends a ping frame). The failure detector cancels
/// <paramref name="cancellationToken"/> when the probe times out; a probe that returns false, throws or is cancelled
/// counts as missed.
/// </summary>
public interface ISiloProber
{
    /// <returns>True if <paramref name="target"/> answered in time.</returns>
    Task<bool> ProbeAsync(SiloAddress target, CancellationToken cancellationToken);
}
