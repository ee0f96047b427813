namespace Platform.Invocation;

internal enum RequestExecutionState : byte
{
    Queued,
    Running,
    Finished,

    /// <summary>Dropped before it ran: timed out, cancelled or rejected while queued.</summary>
    Dropped,
}
