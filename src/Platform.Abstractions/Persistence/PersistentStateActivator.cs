using Microsoft.Extensions.DependencyInjection;

namespace Platform.Persistence;

/// <summary>Called by generated grain activators for each <see cref="PersistentStateAttribute"/> constructor parameter.</summary>
public static class PersistentStateActivator
{
    public static IPersistentState<TState> Create<TState>(IServiceProvider services, IGrainContext context, string stateName, string? storageName)
        where TState : new() =>
        services.GetRequiredService<IPersistentStateFactory>().Create<TState>(context, stateName, storageName);
}
