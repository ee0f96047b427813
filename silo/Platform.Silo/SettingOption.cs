namespace Platform.Silo;

/// <summary>One setting of the silo: its command-line option, its environment variable, and how its value is applied.</summary>
/// <param name="Name">The command-line option, e.g. "--probe-timeout".</param>
/// <param name="ValueName">How usage shows the value; null for a flag, which takes none.</param>
/// <param name="Apply">Parses the text and records it; throws <see cref="FormatException"/> with a message about the value alone.</param>
/// <param name="Redact">Hides the secret parts of a value (a password in a connection string) before a message shows it.</param>
/// <param name="IsAction">A one-off action (<c>--smoke</c>, <c>--make-dev-certs DIR</c>), not configuration.</param>
internal sealed record SettingOption(
    string Name,
    string? ValueName,
    string Description,
    Action<SiloHostSettings, string> Apply,
    Func<string, string>? Redact = null,
    bool IsAction = false)
{
    public const string EnvironmentPrefix = "PLATFORM_SILO__";

    public bool IsFlag => ValueName is null;

    /// <summary>
    /// PLATFORM_SILO__ and the option's name without dashes, upper case (--gateway-port: PLATFORM_SILO__GATEWAYPORT):
    /// one rule, so nobody has to look a variable up. Actions have none: a variable left in a pod's environment would
    /// repeat them on every start.
    /// </summary>
    public string? EnvironmentVariable => IsAction ? null : EnvironmentPrefix + Name.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The value as an error message or log line may show it.</summary>
    public string Show(string value) => Redact is null ? value : Redact(value);

    public static SettingOption Flag(string name, string description, Action<SiloHostSettings> set) =>
        new(name, null, description, (settings, _) => set(settings), IsAction: true);

    /// <summary>A one-off action that takes a value, from the command line only.</summary>
    public static SettingOption Action(string name, string valueName, string description, Action<SiloHostSettings, string> apply) =>
        new(name, valueName, description, apply, IsAction: true);

    public static SettingOption Value(string name, string valueName, string description, Action<SiloHostSettings, string> apply, Func<string, string>? redact = null) =>
        new(name, valueName, description, apply, redact);
}
