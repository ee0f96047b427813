namespace Platform.Runtime.Activations;

internal enum EnqueueOutcome : byte
{
    Queued,

    /// <summary>Refused for a reason the caller must hear (deadlock, full mailbox).</summary>
    Rejected,

    /// <summary>The activation is gone; look the grain up again and retry.</summary>
    Redirect,
}
