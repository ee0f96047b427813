namespace Platform.Transport;

public sealed class ConnectionOptions
{
    /// <summary>The largest frame (kind plus payload) accepted from a peer; larger ones close the connection with an error.</summary>
    public int MaxFrameBytes { get; init; } = 4 * 1024 * 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The writer sends once this many bytes are buffered, even if more frames are queued.</summary>
    public int SendBatchBytes { get; init; } = 64 * 1024;

    public void Validate()
    {
        if (MaxFrameBytes < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), MaxFrameBytes, $"ConnectionOptions.MaxFrameBytes must be at least 16; it is {MaxFrameBytes}.");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, $"ConnectionOptions.ConnectTimeout must be greater than zero; it is {ConnectTimeout}.");
        }

        if (SendBatchBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(SendBatchBytes), SendBatchBytes, $"ConnectionOptions.SendBatchBytes must be at least 1024; it is {SendBatchBytes}.");
        }
    }
}
