using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.EventSourcing;
using Platform.Persistence;
using Platform.Runtime.EventSourcing;
using Platform.Runtime.Metadata;
using Platform.Runtime.Reminders;
using Platform.Runtime.Storage;
using Platform.Runtime.Telemetry;

namespace Platform.Runtime;

/// <summary>Registers a silo in a service collection, with embedded in-memory defaults for storage, the event journal and reminders.</summary>
public static class SiloServiceCollectionExtensions
{
    public static IServiceCollection AddPlatformSilo(this IServiceCollection services, Action<SiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var registry = new GrainTypeRegistry();
        var options = new SiloOptions();
        configure(new SiloBuilder(services, registry, options));
        options.Validate();

        services.AddSingleton(options);
        services.AddSingleton(registry);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReminderTable, InMemoryReminderTable>();
        services.TryAddKeyedSingleton<IGrainStorage, MemoryGrainStorage>(options.DefaultStorageName);
        services.TryAddKeyedSingleton<IEventJournal, MemoryEventJournal>(IEventJournal.DefaultName);
        services.AddSingleton<IPersistentStateFactory, PersistentStateFactory>();
        services.AddSingleton<RuntimeTelemetry>(Silo.CreateTelemetry);
        services.AddSingleton<Silo>(Silo.Create);
        services.AddSingleton<IGrainFactory>(provider => provider.GetRequiredService<Silo>().GrainFactory);
        services.AddHostedService<SiloHostedService>();
        return services;
    }
}
