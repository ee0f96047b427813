namespace Platform.Runtime.Messaging;

/// <summary>The kinds of frame silos and clients exchange; 255 is the transport's own protocol-error frame.</summary>
internal static class FrameKind
{
    public const byte Hello = 1;
    public const byte Request = 2;
    public const byte Response = 3;
    public const byte Ping = 4;
    public const byte Pong = 5;
    public const byte ClusterView = 6;
    public const byte Handoff = 7;
    public const byte HandoffDone = 8;
    public const byte Cancel = 9;

    public static string Name(byte kind) => kind switch
    {
        Hello => "Hello",
        Request => "Request",
        Response => "Response",
        Ping => "Ping",
        Pong => "Pong",
        ClusterView => "ClusterView",
        Handoff => "Handoff",
        HandoffDone => "HandoffDone",
        Cancel => "Cancel",
        _ => $"unknown kind {kind}",
    };
}
