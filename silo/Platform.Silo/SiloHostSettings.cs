using Platform.Runtime;

namespace Platform.Silo;

/// <summary>
/// Everything the silo host was told, from environment variables and the command line. Groups of settings that the
/// host will grow (zone, ports, storage) get their own property here and their own rows in <see cref="SettingOptions"/>.
/// </summary>
internal sealed class SiloHostSettings
{
    private readonly List<Action<SiloOptions>> _siloOptions = [];

    public bool ShowHelp { get; set; }

    /// <summary>Where grain state, reminders and the event journal are kept.</summary>
    public StorageProvider Storage { get; set; } = StorageProvider.Memory;

    /// <summary>The PostgreSQL connection string for <see cref="StorageProvider.Postgres"/>; the parser allows it with no other provider.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The grain storage and reminders as the start log line names them, without credentials.</summary>
    public string DescribeStorage() =>
        Storage == StorageProvider.Postgres && PostgresConnectionString is not null
            ? $"PostgreSQL grain storage and reminders at {PostgresConnectionStrings.Describe(PostgresConnectionString)}"
            : "in-memory grain storage and reminders";

    /// <summary>Cluster id, zone, endpoint and membership: the silo is always a cluster member, alone by default.</summary>
    public ClusterSettings Cluster { get; } = new();

    /// <summary>Start, post and assign one job, print it as JSON, and stop: proves the embedded defaults work end to end.</summary>
    public bool Smoke { get; set; }

    /// <summary>
    /// Applies the runtime settings that were given to <paramref name="options"/>. They are kept as assignments rather
    /// than as a second copy of <see cref="SiloOptions"/> so that every option the runtime adds keeps its default here
    /// without a copy step to forget.
    /// </summary>
    public void ConfigureSilo(SiloOptions options)
    {
        foreach (var configure in _siloOptions)
        {
            configure(options);
        }
    }

    public SiloOptions CreateSiloOptions()
    {
        var options = new SiloOptions();
        ConfigureSilo(options);
        return options;
    }

    internal void AddSiloOption(Action<SiloOptions> configure) => _siloOptions.Add(configure);
}
