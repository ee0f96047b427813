namespace Platform;

/// <summary>What a grain type's supervisor does with an activation whose call failed, in the manner of Erlang/OTP.</summary>
public enum SupervisionDirective
{
    /// <summary>Keep the activation and its in-memory state; only the caller sees the failure.</summary>
    Resume,

    /// <summary>Discard the activation at once (nothing is written); queued calls go to a fresh activation that reads durable state.</summary>
    Restart,

    /// <summary>Deactivate gracefully (<see cref="Grain.OnDeactivateAsync"/> runs); queued calls fail with <see cref="GrainStoppedException"/>.</summary>
    Stop,

    /// <summary>Hand the failure to the grain type's supervisor, which restarts every activation of the type.</summary>
    Escalate,
}
