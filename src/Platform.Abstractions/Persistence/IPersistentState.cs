namespace Platform.Persistence;

/// <summary>
/// Durable state of a grain, read before <see cref="Grain.OnActivateAsync"/>. Every write is conditional on the
/// <see cref="Etag"/> last read or written, so a stale copy never overwrites newer state.
/// </summary>
public interface IPersistentState<TState>
    where TState : new()
{
    TState State { get; set; }

    /// <summary>The version of the stored record this copy was read from or written as; null when none is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <exception cref="InconsistentStateException">The stored record changed since this copy was read.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <exception cref="InconsistentStateException">The stored record changed since this copy was read.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
