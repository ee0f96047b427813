namespace Platform.Silo;

/// <summary>The silo host's settings. Usage, the command-line parser and the environment reader all work from this table.</summary>
internal static class SettingOptions
{
    public static IReadOnlyList<SettingOption> All { get; } =
    [
        SettingOption.Duration("--call-timeout", "DefaultCallTimeout", "Deadline of a call that sets none (default 00:00:30).", (o, v) => o.DefaultCallTimeout = v),
        SettingOption.Duration("--collection-age", "DefaultCollectionAge", "Idle time before an activation is collected (default 00:15:00).", (o, v) => o.DefaultCollectionAge = v),
        SettingOption.Count("--mailbox-capacity", "DefaultMailboxCapacity", "Calls that may wait for one activation (default 10000).", (o, v) => o.DefaultMailboxCapacity = v),
        SettingOption.Duration("--sweep-interval", "SweepInterval", "How often deadlines and idle activations are checked (default 00:00:01).", (o, v) => o.SweepInterval = v),
        SettingOption.Duration("--shutdown-timeout", "ShutdownTimeout", "How long shutdown waits for activations to deactivate (default 00:00:30).", (o, v) => o.ShutdownTimeout = v),
        SettingOption.Count("--max-restarts", "DefaultMaxRestarts", "Restarts of a grain type within the restart window before quarantine (default 5).", (o, v) => o.DefaultMaxRestarts = v),
        SettingOption.Duration("--restart-window", "DefaultRestartWindow", "Window in which restarts are counted (default 00:00:10).", (o, v) => o.DefaultRestartWindow = v),
        SettingOption.Duration("--quarantine-period", "DefaultQuarantinePeriod", "How long a quarantined grain type refuses calls (default 00:00:30).", (o, v) => o.DefaultQuarantinePeriod = v),
        SettingOption.Count("--turn-budget", "TurnBudget", "Work items an activation runs before yielding its thread (default 128).", (o, v) => o.TurnBudget = v),
        SettingOption.Host("--storage", "Storage", "memory|postgres", "Where grain state, reminders and the event journal are kept: memory (lost on exit; the default) or postgres (needs --postgres).",
            (settings, value) => settings.Storage = StorageProviders.Parse(value)),
        SettingOption.Host("--postgres", "Postgres", "connection string", "PostgreSQL connection string for --storage/--membership postgres, e.g. Host=db;Username=platform;Password=...;Database=platform.",
            (settings, value) => settings.PostgresConnectionString = PostgresConnectionStrings.Check(value), PostgresConnectionStrings.Redact),
        SettingOption.Host("--cluster-id", "ClusterId", "name", "Cluster this silo joins; silos and clients only talk within one cluster (default platform).",
            (settings, value) => settings.Cluster.ClusterId = ClusterSettings.ParseName(value)),
        SettingOption.Host("--zone", "Zone", "name", "Availability zone of this silo, used by placement (default: default).",
            (settings, value) => settings.Cluster.Zone = ClusterSettings.ParseName(value)),
        SettingOption.Host("--port", "Port", "n", "Port for silos and clients (default 11111; 0 picks a free one).",
            (settings, value) => settings.Cluster.Port = ClusterSettings.ParsePort(value)),
        SettingOption.Host("--listen", "Listen", "address", "IP address to listen on (default 127.0.0.1; 0.0.0.0 needs --advertise).",
            (settings, value) => settings.Cluster.ListenAddress = ClusterSettings.ParseAddress(value)),
        SettingOption.Host("--advertise", "Advertise", "host", "Host name or address other silos and clients dial (default: the listen address).",
            (settings, value) => settings.Cluster.AdvertisedHost = ClusterSettings.ParseName(value)),
        SettingOption.Host("--membership", "Membership", "memory|postgres", "Where the membership table lives: memory (this silo alone; the default) or postgres (needs --postgres).",
            (settings, value) => settings.Cluster.Membership = StorageProviders.Parse(value)),
        SettingOption.Host("--probe-period", "ProbePeriod", "hh:mm:ss", "How often each silo probes others (default 00:00:01).",
            (settings, value) => settings.Cluster.Configure(SettingOption.ParseDuration(value), static (o, parsed) => o.Membership.ProbePeriod = parsed)),
        SettingOption.Host("--probe-timeout", "ProbeTimeout", "hh:mm:ss", "How long a probe may take before it counts as missed (default 00:00:01).",
            (settings, value) => settings.Cluster.Configure(SettingOption.ParseDuration(value), static (o, parsed) => o.Membership.ProbeTimeout = parsed)),
        SettingOption.Host("--missed-probes", "MissedProbesLimit", "n", "Missed probes in a row before a silo votes another dead (default 3).",
            (settings, value) => settings.Cluster.Configure(SettingOption.ParseCount(value), static (o, parsed) => o.Membership.MissedProbesLimit = parsed)),
        SettingOption.Host("--votes-to-kill", "VotesToDeclareDead", "n", "Votes that declare a silo dead (default 2, capped at the other active silos).",
            (settings, value) => settings.Cluster.Configure(SettingOption.ParseCount(value), static (o, parsed) => o.Membership.VotesToDeclareDead = parsed)),
        SettingOption.Flag("--smoke", "Start, post and assign one job, print it as one JSON line, and exit.", settings => settings.Smoke = true),
        SettingOption.Flag("--help", "Print this help and exit.", settings => settings.ShowHelp = true),
    ];
}
