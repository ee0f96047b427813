using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Runtime.Collection;
using Platform.Runtime.Membership;
using Platform.Runtime.Metadata;
using Platform.Runtime.Reminders;
using Platform.Runtime.Telemetry;

namespace Platform.Runtime;

/// <summary>
/// One silo: hosts activations of the registered grain classes. Built by <see cref="SiloServiceCollectionExtensions.AddPlatformSilo"/>;
/// started and stopped by the host (or by the test cluster).
/// </summary>
public sealed class Silo : IAsyncDisposable
{
    private readonly ActivationSweeper _sweeper;
    private int _state;

    internal Silo(IServiceProvider services, SiloOptions options, GrainTypeRegistry registry, TimeProvider time, RuntimeTelemetry telemetry, IReminderTable reminderTable)
    {
        options.Validate();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Platform.Runtime") ?? NullLogger.Instance;
        Runtime = new SiloRuntime(options, time, services, registry, telemetry, logger, reminderTable);
        registry.Build(Runtime);
        if (services.GetService<ClusterOptions>() is { } cluster)
        {
            cluster.Validate();
            Runtime.Cluster = new Cluster.ClusterRuntime(Runtime, cluster, services.GetRequiredService<IMembershipTable>());
        }

        _sweeper = new ActivationSweeper(Runtime);
    }

    public IGrainFactory GrainFactory => Runtime.GrainFactory;

    public IServiceProvider Services => Runtime.Services;

    /// <summary>The grain types this silo hosts, in name order.</summary>
    public IReadOnlyList<string> GrainTypes => Runtime.Registry.Classes
        .Where(grainClass => !grainClass.IsObserver)
        .Select(grainClass => grainClass.GrainType)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Live activations, including observers.</summary>
    public int ActivationCount => Runtime.Catalog.Count;

    internal SiloRuntime Runtime { get; }

    /// <summary>This silo's address in the cluster; default for a standalone silo or before start.</summary>
    public SiloAddress Address => Runtime.Cluster?.Self ?? default;

    /// <summary>The active silos as this silo last read them from the membership table.</summary>
    public ClusterView? ClusterView => Runtime.Cluster?.View;

    /// <summary>Raised when the cluster declared this silo dead and it stopped serving; a host process should exit.</summary>
    public event Action? Fenced
    {
        add => Runtime.Cluster!.Fenced += value;
        remove => Runtime.Cluster!.Fenced -= value;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The silo was already started.");
        }

        foreach (var startup in Runtime.Services.GetServices<SiloStartupTask>())
        {
            await startup.Run(Runtime.Services);
        }

        await Runtime.Reminders.StartAsync(cancellationToken);
        if (Runtime.Cluster is { } cluster)
        {
            await cluster.StartAsync(cancellationToken);
        }

        _sweeper.Start();
        RuntimeLog.SiloStarted(Runtime.Logger, Runtime.Registry.Classes.Count - 1);
    }

    /// <summary>Deactivates every activation gracefully (their turns finish and OnDeactivateAsync runs), then stops timers.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1)
        {
            return;
        }

        Runtime.Reminders.Dispose();
        if (Runtime.Cluster is { } cluster)
        {
            await cluster.LeaveAsync(cancellationToken);
        }

        var activations = Runtime.Catalog.Activations.ToList();
        RuntimeLog.SiloStopping(Runtime.Logger, activations.Count);
        var deactivations = activations.Select(activation => activation.BeginDeactivation(DeactivationReason.ShuttingDown, graceful: true, failQueuedWith: null));
        try
        {
            await Task.WhenAll(deactivations).WaitAsync(Runtime.Options.ShutdownTimeout, Runtime.Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            RuntimeLog.SiloStopTimedOut(Runtime.Logger, Runtime.Catalog.Count);
        }

        _sweeper.Dispose();
        if (Runtime.Cluster is { } stopping)
        {
            await stopping.DrainAsync(Runtime.Options.ShutdownTimeout);
            await stopping.DisposeAsync();
        }
    }

    /// <summary>Stops as a killed process would: connections drop, heartbeats stop, nothing is deactivated or left behind cleanly.</summary>
    internal async Task CrashAsync()
    {
        Interlocked.Exchange(ref _state, 2);
        _sweeper.Dispose();
        Runtime.Reminders.Dispose();
        if (Runtime.Cluster is { } cluster)
        {
            await cluster.CrashAsync();
        }
    }

    /// <summary>Test fault hook: cuts the silo off from other silos and clients (not from the membership table), or heals it.</summary>
    internal void SetPartitioned(bool partitioned)
    {
        var cluster = Runtime.Cluster ?? throw new InvalidOperationException("Only a clustered silo can be partitioned.");
        if (partitioned)
        {
            cluster.Partition();
        }
        else
        {
            cluster.Heal();
        }
    }

    /// <summary>Runs the periodic sweep now (deadlines, idle collection); the silo also runs it on its own timer.</summary>
    public int SweepNow() => _sweeper.Sweep().TimedOut;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _sweeper.Dispose();
    }

    internal static Silo Create(IServiceProvider services) => new(
        services,
        services.GetRequiredService<SiloOptions>(),
        services.GetRequiredService<GrainTypeRegistry>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<RuntimeTelemetry>(),
        services.GetRequiredService<IReminderTable>());

    internal static RuntimeTelemetry CreateTelemetry(IServiceProvider services) =>
        new(services.GetRequiredService<TimeProvider>(), services.GetService<IMeterFactory>());
}
