namespace Platform.Payments.Simulated;

/// <summary>A failure the simulated provider injects into one request.</summary>
internal enum SimulatedFault
{
    /// <summary>Refused with a 503 before anything is performed.</summary>
    UnavailableBeforePerforming,

    /// <summary>Performed, then the answer is lost as if it timed out: the caller cannot tell it was done.</summary>
    TimeoutAfterPerforming,
}
