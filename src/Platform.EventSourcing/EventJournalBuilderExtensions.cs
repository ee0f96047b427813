using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.EventSourcing;

/// <summary>Registers event journals and the log-consistency provider that lets journaled grains use them.</summary>
public static class EventJournalBuilderExtensions
{
    /// <summary>The Orleans log-consistency provider <see cref="JournaledGrainBase{TState, TEvent}"/> names.</summary>
    public const string LogConsistencyProviderName = "CustomStorage";

    /// <summary>
    /// The in-memory event journal as <see cref="IEventJournal.DefaultName"/> (the embedded default: events live as long
    /// as the silo), plus the custom-storage log-consistency provider journaled grains use.
    /// </summary>
    public static ISiloBuilder AddMemoryEventJournal(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddKeyedSingleton<IEventJournal>(
            IEventJournal.DefaultName, (services, _) => new MemoryEventJournal(services.GetRequiredService<TimeProvider>()));
        return builder.AddJournaledGrainSupport();
    }

    /// <summary>The custom-storage log-consistency provider, registered once however many journals a silo adds.</summary>
    internal static ISiloBuilder AddJournaledGrainSupport(this ISiloBuilder builder)
    {
        if (builder.Services.Any(descriptor => descriptor.ServiceType == typeof(JournaledGrainSupportMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<JournaledGrainSupportMarker>();
        return builder.AddCustomStorageBasedLogConsistencyProvider(LogConsistencyProviderName);
    }
}
