namespace Platform.Persistence;

/// <summary>Creates the persistent state of an activation; generated grain activators call it for <see cref="PersistentStateAttribute"/> parameters.</summary>
public interface IPersistentStateFactory
{
    IPersistentState<TState> Create<TState>(IGrainContext context, string stateName, string? storageName)
        where TState : new();
}
