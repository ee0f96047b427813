namespace Platform.Grains.Requests;

[GenerateSerializer]
[Alias("platform.requests.RequestReplayState")]
public sealed class RequestReplayState
{
    [Id(0)]
    public string? Fingerprint { get; set; }

    [Id(1)]
    public StoredResponse? Response { get; set; }

    /// <summary>When the key was claimed (no response yet) or answered.</summary>
    [Id(2)]
    public DateTimeOffset At { get; set; }

    /// <summary>The attempt that claimed the key (empty for claims stored before attempts were named).</summary>
    [Id(3)]
    public Guid Attempt { get; set; }
}
