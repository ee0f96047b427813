using System.Net;
using System.Text;

namespace Platform.Silo;

/// <summary>
/// Reads <see cref="SiloHostSettings"/> from PLATFORM_SILO__* environment variables, then the command line (which
/// wins), and checks the combination before anything starts. Every error is a <see cref="SiloSettingsException"/> whose
/// one-line message names the option or variable and the bad value.
/// </summary>
internal static class SiloHostSettingsParser
{
    public static SiloHostSettings Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var settings = new SiloHostSettings();

        // Help must work however broken the rest of the configuration is.
        if (args.Any(arg => arg is "--help" or "-h"))
        {
            settings.ShowHelp = true;
            return settings;
        }

        // Which option or variable last set each setting, by option name, to name it in an error.
        var origins = new Dictionary<string, Origin>(StringComparer.Ordinal);
        foreach (var (name, value) in environment.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            // The variables of this prefix belong to the silo, so a name in it that no setting reads is a typo, not someone else's.
            if (!name.StartsWith(SettingOption.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
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

        settings.UseKubernetes = settings.Kubernetes switch
        {
            KubernetesMode.On => true,
            KubernetesMode.Off => false,
            _ => IsSet(environment, "POD_NAME") && IsSet(environment, "POD_NAMESPACE"),
        };
        Validate(settings, origins);
        return settings;
    }

    public static string Usage()
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: Platform.Silo [options]");
        text.AppendLine();
        text.AppendLine("Runs a Platform silo (Microsoft Orleans) hosting the marketplace grains: alone with everything in memory by");
        text.AppendLine("default, or as a member of a cluster whose membership, grain state, reminders and journal are in PostgreSQL.");
        text.AppendLine("Every setting can also come from the environment variable shown under it; the command line wins.");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in SettingOptions.All)
        {
            var left = option.IsFlag ? option.Name : $"{option.Name} <{option.ValueName}>";
            text.AppendLine($"  {left,-36}{option.Description}");
            if (option.EnvironmentVariable is not null)
            {
                text.AppendLine($"  {string.Empty,-36}env {option.EnvironmentVariable}");
            }
        }

        text.AppendLine();
        text.Append("Exit codes: 0 stopped normally, 1 failed to start or failed while running, 2 bad configuration (nothing was started), ");
        text.Append("3 the cluster declared this silo dead (restart it to rejoin).");
        return text.ToString();
    }

    private static bool IsSet(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value);

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

        origins[option.Name] = origin;
    }

    /// <summary>The option or variable that gave a setting its value, and the value as a message may show it.</summary>
    private sealed record Origin(string Source, string Value)
    {
        public override string ToString() => $"{Source} '{Value}'";
    }

    private static void Validate(SiloHostSettings settings, Dictionary<string, Origin> origins)
    {
        ValidateStorage(settings, origins);
        ValidateEndpoints(settings, origins);
    }

    /// <summary>
    /// PostgreSQL needs a connection string, and a connection string the chosen storage would not use is refused rather
    /// than silently ignored (it usually means --storage was forgotten). Membership follows storage: UsePlatformPostgreSql
    /// keeps the membership table beside the state, and a memory membership is this one silo alone.
    /// </summary>
    private static void ValidateStorage(SiloHostSettings settings, Dictionary<string, Origin> origins)
    {
        origins.TryGetValue("--storage", out var storage);
        origins.TryGetValue("--postgres", out var postgres);
        if (settings.Membership is { } membership && membership != settings.Storage)
        {
            var chosen = storage?.ToString() ?? "the default storage 'memory'";
            throw new SiloSettingsException(
                $"{origins["--membership"]} does not match {chosen}; membership, grain state, reminders and the journal live together, so give the same provider to both or leave --membership out.");
        }

        if (settings.Storage == StorageProvider.Postgres && settings.PostgresConnectionString is null)
        {
            throw new SiloSettingsException(
                $"{storage ?? origins["--membership"]} needs a connection string; give --postgres <connection string> or set PLATFORM_SILO__POSTGRES.");
        }

        if (settings.Storage != StorageProvider.Postgres && postgres is not null)
        {
            var chosen = storage is null ? "the default storage 'memory'" : storage.ToString();
            throw new SiloSettingsException(
                $"{postgres} would be ignored with {chosen}; use --storage postgres to keep the cluster's state in PostgreSQL, or drop {postgres.Source}.");
        }
    }

    private static void ValidateEndpoints(SiloHostSettings settings, Dictionary<string, Origin> origins)
    {
        var wildcard = settings.ListenAddress is { } listen && (listen.Equals(IPAddress.Any) || listen.Equals(IPAddress.IPv6Any));
        if (wildcard && settings.AdvertisedAddress is null && !settings.UseKubernetes)
        {
            throw new SiloSettingsException(
                $"{origins["--listen"]} needs --advertise <address> (or Kubernetes hosting, which advertises the pod IP): other silos and clients cannot dial a wildcard address.");
        }

        if (settings.AdvertisedAddress is { } advertised && (advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any)))
        {
            throw new SiloSettingsException($"{origins["--advertise"]} is a wildcard address; advertise an address other silos and clients can dial.");
        }

        if (settings.SiloPort is > 0 && settings.SiloPort == settings.GatewayPort)
        {
            throw new SiloSettingsException($"{origins["--gateway-port"]} is also the silo port; silos and clients need a port each.");
        }

        if (settings.HttpPort is > 0 && (settings.HttpPort == settings.SiloPort || settings.HttpPort == settings.GatewayPort))
        {
            throw new SiloSettingsException($"{origins["--http-port"]} is also the {(settings.HttpPort == settings.SiloPort ? "silo" : "gateway")} port; HTTP needs a port of its own.");
        }
    }
}
