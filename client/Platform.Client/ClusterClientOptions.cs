namespace Platform.Client;

/// <summary>How a client finds and talks to a cluster. <see cref="Validate"/> names the first bad value.</summary>
public sealed class ClusterClientOptions
{
    public string ClusterId { get; set; } = "platform";

    /// <summary>Gateway endpoints as "host:port"; may be empty when a membership table is used for discovery.</summary>
    public List<string> Gateways { get; } = [];

    /// <summary>How long <see cref="ClusterClient.ConnectAsync"/> keeps trying before it gives up with the reason per gateway.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of a call when neither the method nor the caller sets one.</summary>
    public TimeSpan DefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often deadlines of calls in flight are checked: their precision.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxFrameBytes { get; set; } = 4 * 1024 * 1024;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new ArgumentException("ClusterClientOptions.ClusterId must not be empty.");
        }

        foreach (var gateway in Gateways)
        {
            GatewayEndpoint.Parse(gateway);
        }

        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(DefaultCallTimeout, nameof(DefaultCallTimeout));
        RequirePositive(SweepInterval, nameof(SweepInterval));
        if (MaxFrameBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), MaxFrameBytes, $"ClusterClientOptions.MaxFrameBytes must be at least 1024; it is {MaxFrameBytes}.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"ClusterClientOptions.{name} must be greater than zero; it is {value}.");
        }
    }
}
