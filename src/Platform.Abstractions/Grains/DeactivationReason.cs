namespace Platform;

/// <summary>Why an activation is being deactivated, passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public enum DeactivationReason
{
    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>The activation was idle for longer than its collection age.</summary>
    IdleCollected,

    /// <summary>A supervision policy stopped the activation after a failure.</summary>
    SupervisorStopped,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>A membership change made another silo the grain's owner; its next call activates it there.</summary>
    Rebalanced,
}
