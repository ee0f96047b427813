using System.Net;
using Platform.Runtime.Membership;

namespace Platform.Runtime;

/// <summary>Where a silo listens, how others reach it, and which cluster and zone it belongs to.</summary>
public sealed class ClusterOptions
{
    /// <summary>Silos and clients only talk to peers with the same cluster id; one database can hold several clusters.</summary>
    public string ClusterId { get; set; } = "platform";

    /// <summary>The availability zone, used by placement to keep a grain's zone stable and spread zones evenly.</summary>
    public string Zone { get; set; } = "default";

    /// <summary>The address to listen on (silo-to-silo and client gateway traffic share one port).</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The port to listen on; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 11111;

    /// <summary>The host name or address other silos and clients use to reach this silo; defaults to the listen address.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>The largest frame accepted from a peer.</summary>
    public int MaxFrameBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How many activations per second a silo moves away after a view change (scale-out rebalancing).</summary>
    public int RebalanceRate { get; set; } = 2_000;

    /// <summary>How long after a view change a new activation first asks the grain's previous owner to let go of it.</summary>
    public TimeSpan HandoffWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an activation waits for a previous owner's answer before it treats that owner as gone.</summary>
    public TimeSpan HandoffTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a stopping silo waits without any new call arriving before it closes its connections: long enough for
    /// every other silo and client to have switched to the view without it (membership refresh is 1 s by default).
    /// </summary>
    public TimeSpan DrainQuietPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a call that could not be sent waits before it is routed again (its deadline still holds).</summary>
    public TimeSpan RerouteDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public ClusterMembershipOptions Membership { get; set; } = new();

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new ArgumentException("ClusterOptions.ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(Zone))
        {
            throw new ArgumentException("ClusterOptions.Zone must not be empty.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, $"ClusterOptions.Port must be between 0 and 65535; it is {Port}.");
        }

        if (AdvertisedHost is not null && string.IsNullOrWhiteSpace(AdvertisedHost))
        {
            throw new ArgumentException("ClusterOptions.AdvertisedHost must be a host name or address when set; it is blank.");
        }

        if (ListenAddress.Equals(IPAddress.Any) || ListenAddress.Equals(IPAddress.IPv6Any))
        {
            if (AdvertisedHost is null)
            {
                throw new ArgumentException($"ClusterOptions.AdvertisedHost must be set when listening on {ListenAddress}: other silos cannot dial a wildcard address.");
            }
        }

        if (MaxFrameBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), MaxFrameBytes, $"ClusterOptions.MaxFrameBytes must be at least 1024; it is {MaxFrameBytes}.");
        }

        if (RebalanceRate < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RebalanceRate), RebalanceRate, $"ClusterOptions.RebalanceRate must be at least 1 activation a second; it is {RebalanceRate}.");
        }

        foreach (var (value, name) in new[] { (HandoffWindow, nameof(HandoffWindow)), (HandoffTimeout, nameof(HandoffTimeout)), (DrainQuietPeriod, nameof(DrainQuietPeriod)), (RerouteDelay, nameof(RerouteDelay)) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"ClusterOptions.{name} must be greater than zero; it is {value}.");
            }
        }

        Membership.Validate();
    }
}
