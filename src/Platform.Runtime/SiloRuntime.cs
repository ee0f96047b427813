using Microsoft.Extensions.Logging;
using Platform.Runtime.Activations;
using Platform.Runtime.Calls;
using Platform.Runtime.Metadata;
using Platform.Runtime.Reminders;
using Platform.Runtime.Telemetry;

namespace Platform.Runtime;

/// <summary>The parts of one silo that every activation needs; one instance per silo, shared by reference.</summary>
internal sealed class SiloRuntime
{
    public SiloRuntime(SiloOptions options, TimeProvider time, IServiceProvider services, GrainTypeRegistry registry, RuntimeTelemetry telemetry, ILogger logger, IReminderTable reminderTable)
    {
        Options = options;
        Time = time;
        Services = services;
        Registry = registry;
        Telemetry = telemetry;
        Logger = logger;
        Catalog = new Catalog(this);
        Calls = new LocalGrainCallRuntime(this);
        GrainFactory = new GrainFactory(registry, Calls, Catalog, this);
        Reminders = new ReminderService(this, reminderTable);
    }

    public SiloOptions Options { get; }

    public TimeProvider Time { get; }

    public IServiceProvider Services { get; }

    public GrainTypeRegistry Registry { get; }

    public RuntimeTelemetry Telemetry { get; }

    public ILogger Logger { get; }

    public Catalog Catalog { get; }

    public LocalGrainCallRuntime Calls { get; }

    public GrainFactory GrainFactory { get; }

    public ReminderService Reminders { get; }

    /// <summary>The silo's cluster membership and transport; null for a standalone in-process silo.</summary>
    public Cluster.ClusterRuntime? Cluster { get; set; }

    public long ToTimestampTicks(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan || duration >= TimeSpan.FromDays(3650)
            ? long.MaxValue / 4
            : (long)(duration.TotalSeconds * Time.TimestampFrequency);
}
