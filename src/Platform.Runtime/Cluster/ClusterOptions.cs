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

        Membership.Validate();
    }
}
