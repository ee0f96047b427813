namespace Platform.Orleans.Resilience;

/// <summary>Which failures of a method's calls <see cref="CallRetryPolicy"/> re-sends.</summary>
internal enum RetryRule
{
    /// <summary>Not re-sent: Orleans' own calls (the runtime retries those itself), or call retry is off.</summary>
    None,

    /// <summary>Re-sent only when the failure proves the callee never ran it.</summary>
    NeverRan,

    /// <summary>Marked [Idempotent]: re-sent after any delivery failure.</summary>
    Idempotent,
}
