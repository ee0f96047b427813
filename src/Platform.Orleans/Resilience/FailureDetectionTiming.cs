using Orleans.Configuration;

namespace Platform.Orleans.Resilience;

/// <summary>The option values behind <see cref="FailureDetectionBuilderExtensions"/>; why each: docs/decisions/0005.</summary>
internal static class FailureDetectionTiming
{
    public static void ApplyToSilo(ClusterMembershipOptions options)
    {
        // Two missed probes of about a second each declare a silo dead. Probe timeouts adapt to the measured round
        // trip between these bounds; the upper bound keeps a loaded silo from stretching detection past seconds.
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.MinProbeTimeout = TimeSpan.FromSeconds(1);
        options.MaxProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 2;

        // Suspicions older than this no longer count towards a death declaration: a few probe rounds, not minutes.
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);

        // Gossip spreads every change at once; the periodic read only repairs a missed gossip message.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);

        // The heartbeat column marks an entry stale after NumMissedTableIAmAliveLimit periods (15 s here, 90 s by default).
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }

    public static void ApplyToClient(ClientMessagingOptions options)
    {
        // A client's request forwarded by a gateway to a silo that then dies gets no rejection: only this timeout ends it.
        options.ResponseTimeout = TimeSpan.FromSeconds(3);
    }

    public static void ApplyToGateways(GatewayOptions options)
    {
        // How soon a client reads the gateway list again, so a joined silo becomes a gateway to use (a dead one is dropped
        // as soon as its connection fails). It is also how long a gateway that announced its stop stays masked: longer
        // than the announcement's wait (GracefulLeaveOptions.ClientNotification), so the table says ShuttingDown by then.
        options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);
    }
}
