namespace Platform.Orleans.Supervision;

/// <summary>What the silo does with an activation whose call failed, in the manner of Erlang/OTP supervisors.</summary>
public enum SupervisionDirective
{
    /// <summary>Keep the activation and its in-memory state; only the caller sees the failure.</summary>
    Resume,

    /// <summary>
    /// Deactivate the activation once the failed call ends; the next call activates the grain again from its persisted
    /// state. Counts against the grain type's restart intensity.
    /// </summary>
    Restart,

    /// <summary>
    /// Deactivate the activation and refuse calls to that grain id with <see cref="GrainStoppedException"/> for
    /// <c>SupervisionOptions.StopDuration</c>. Counts against the grain type's restart intensity.
    /// </summary>
    Stop,

    /// <summary>
    /// Hand the failure to the grain type: it counts against the type's restart intensity and every activation of the
    /// grain type on this silo is restarted (OTP's one_for_all), not only the failed one.
    /// </summary>
    Escalate,
}
