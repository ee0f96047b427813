using Platform.Runtime;
using System.Text;

namespace Platform.Silo;

/// <summary>
/// Reads <see cref="SiloHostSettings"/> from environment variables, then the command line (which wins), and checks the
/// result with SiloOptions.Validate before anything starts. Every error is a <see cref="SiloSettingsException"/> whose
/// one-line message names the option or variable and the bad value.
/// </summary>
internal static class SiloHostSettingsParser
{
    /// <summary>The variables of this prefix belong to the silo, so a name in it that no setting reads is a typo, not someone else's.</summary>
    private const string SiloEnvironmentPrefix = SettingOption.EnvironmentPrefix + "SILO__";

    public static SiloHostSettings Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var settings = new SiloHostSettings();

        // Help must work however broken the rest of the configuration is.
        if (args.Any(arg => arg is "--help" or "-h"))
        {
            settings.ShowHelp = true;
            return settings;
        }

        // Which option or variable last set each SiloOptions property (or host setting, by option name), to name it in an error.
        var origins = new Dictionary<string, Origin>(StringComparer.Ordinal);
        foreach (var (name, value) in environment.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(SiloEnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var option = SettingOptions.All.FirstOrDefault(o => string.Equals(o.EnvironmentVariable, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new SiloSettingsException($"unknown environment variable {name}; run with --help to list the variables the silo reads.");
            Apply(settings, option, name, value, origins);
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new SiloSettingsException($"unexpected argument '{arg}'; options start with --, run with --help to list them.");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            var option = SettingOptions.All.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal))
                ?? throw new SiloSettingsException($"unknown option '{name}'; run with --help to list the options.");
            string value;
            if (option.IsFlag)
            {
                value = equals < 0 ? string.Empty : throw new SiloSettingsException($"option {name} takes no value; got '{arg}'.");
            }
            else if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new SiloSettingsException($"option {name} needs a value ({option.ValueName}).");
            }

            Apply(settings, option, name, value, origins);
        }

        Validate(settings, origins);
        return settings;
    }

    public static string Usage()
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: Platform.Silo [options]");
        text.AppendLine();
        text.AppendLine("Runs a Platform silo that hosts the marketplace grains, with grain state and reminders in memory or in PostgreSQL");
        text.AppendLine("(--storage).");
        text.AppendLine("Every setting can also come from the environment variable shown under it; the command line wins.");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in SettingOptions.All)
        {
            var left = option.IsFlag ? option.Name : $"{option.Name} <{option.ValueName}>";
            text.AppendLine($"  {left,-32}{option.Description}");
            if (option.EnvironmentVariable is not null)
            {
                text.AppendLine($"  {string.Empty,-32}env {option.EnvironmentVariable}");
            }
        }

        text.AppendLine();
        text.Append("Exit codes: 0 stopped normally, 1 failed while running, 2 bad configuration (nothing was started).");
        return text.ToString();
    }

    private static void Apply(SiloHostSettings settings, SettingOption option, string source, string value, Dictionary<string, Origin> origins)
    {
        var origin = new Origin(source, option.Show(value));
        try
        {
            option.Apply(settings, value);
        }
        catch (FormatException error)
        {
            throw new SiloSettingsException($"{origin} {error.Message}.");
        }

        origins[option.Target ?? option.Name] = origin;
    }

    /// <summary>The option or variable that gave a setting its value, and the value as a message may show it.</summary>
    private sealed record Origin(string Source, string Value)
    {
        public override string ToString() => $"{Source} '{Value}'";
    }

    /// <summary>SiloOptions owns the rules for its values; this only says which option or variable the bad value came from.</summary>
    private static void Validate(SiloHostSettings settings, Dictionary<string, Origin> origins)
    {
        ValidateSiloOptions(settings, origins);
        ValidateStorage(settings, origins);
        ValidateCluster(settings, origins);
    }

    private static void ValidateCluster(SiloHostSettings settings, Dictionary<string, Origin> origins)
    {
        if (settings.Cluster.Membership == StorageProvider.Postgres && settings.PostgresConnectionString is null)
        {
            throw new SiloSettingsException(
                $"{origins["--membership"]} needs a connection string; give {PostgresOption.Name} <{PostgresOption.ValueName}> or set {PostgresOption.EnvironmentVariable}.");
        }

        try
        {
            var options = new ClusterOptions();
            settings.Cluster.Apply(options, defaultPort: 0);
            options.Validate();
        }
        catch (ArgumentException error)
        {
            throw new SiloSettingsException($"the cluster configuration is invalid: {MessageOf(error)}");
        }
    }

    private static void ValidateSiloOptions(SiloHostSettings settings, Dictionary<string, Origin> origins)
    {
        try
        {
            settings.CreateSiloOptions().Validate();
        }
        catch (ArgumentException error)
        {
            var origin = error.ParamName is not null && origins.TryGetValue(error.ParamName, out var given) ? given.ToString() : "the silo configuration";
            throw new SiloSettingsException($"{origin} is out of range: {MessageOf(error)}");
        }
    }

    /// <summary>
    /// --storage and --postgres go together: PostgreSQL needs a connection string, and a connection string the chosen
    /// storage would not use is refused rather than silently ignored (it usually means --storage was forgotten).
    /// </summary>
    private static void ValidateStorage(SiloHostSettings settings, Dictionary<string, Origin> origins)
    {
        origins.TryGetValue(StorageOption.Name, out var storage);
        origins.TryGetValue(PostgresOption.Name, out var postgres);
        if (settings.Storage == StorageProvider.Postgres && settings.PostgresConnectionString is null)
        {
            throw new SiloSettingsException(
                $"{storage} needs a connection string; give {PostgresOption.Name} <{PostgresOption.ValueName}> or set {PostgresOption.EnvironmentVariable}.");
        }

        if (settings.Storage != StorageProvider.Postgres && settings.Cluster.Membership != StorageProvider.Postgres && postgres is not null)
        {
            var chosen = storage is null ? $"the default storage '{StorageProviders.Memory}'" : storage.ToString();
            throw new SiloSettingsException(
                $"{postgres} would be ignored with {chosen}; use {StorageOption.Name} {StorageProviders.Postgres} to keep grain state in PostgreSQL (or --membership postgres for the membership table), or drop {postgres.Source}.");
        }
    }

    private static SettingOption StorageOption => SettingOptions.All.Single(o => o.Name == "--storage");

    private static SettingOption PostgresOption => SettingOptions.All.Single(o => o.Name == "--postgres");

    /// <summary>The message as thrown, without the " (Parameter 'x')" and "Actual value was" that ArgumentException appends.</summary>
    private static string MessageOf(ArgumentException error)
    {
        var message = error.Message.Split('\n')[0].TrimEnd('\r');
        var suffix = $" (Parameter '{error.ParamName}')";
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
