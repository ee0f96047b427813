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
        SettingOption.Host("--storage", "Storage", "memory|postgres", "Where grain state is kept: memory (lost on exit; the default) or postgres (needs --postgres).",
            (settings, value) => settings.Storage = StorageProviders.Parse(value)),
        SettingOption.Host("--postgres", "Postgres", "connection string", "PostgreSQL connection string for --storage postgres, e.g. Host=db;Username=platform;Password=...;Database=platform.",
            (settings, value) => settings.PostgresConnectionString = PostgresConnectionStrings.Check(value), PostgresConnectionStrings.Redact),
        SettingOption.Flag("--smoke", "Start, post and assign one job, print it as one JSON line, and exit.", settings => settings.Smoke = true),
        SettingOption.Flag("--help", "Print this help and exit.", settings => settings.ShowHelp = true),
    ];
}
