namespace Platform.Runtime.Activations;

/// <summary>A callback posted to an activation's synchronization context: the rest of a turn after an await.</summary>
internal readonly record struct Continuation(SendOrPostCallback Callback, object? State, RequestSynchronizationContext? Context);
