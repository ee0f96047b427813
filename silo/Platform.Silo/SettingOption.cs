using System.Globalization;
using Platform.Runtime;

namespace Platform.Silo;

/// <summary>One setting of the silo host: its command-line option, its environment variable, and how its value is applied.</summary>
/// <param name="Name">The command-line option, e.g. "--call-timeout".</param>
/// <param name="EnvironmentVariable">The environment variable, e.g. "PLATFORM_SILO__DEFAULTCALLTIMEOUT"; null for command-line-only flags.</param>
/// <param name="ValueName">How usage shows the value; null for a flag, which takes none.</param>
/// <param name="Target">The <see cref="SiloOptions"/> property it sets, so that a value SiloOptions.Validate rejects can be traced back to the option; null for a setting of the host itself.</param>
/// <param name="Apply">Parses the text and records it; throws <see cref="FormatException"/> with a message about the value alone.</param>
/// <param name="Redact">Hides the secret parts of a value (a password in a connection string) before a message shows it; null when nothing is secret.</param>
internal sealed record SettingOption(
    string Name,
    string? EnvironmentVariable,
    string? ValueName,
    string? Target,
    string Description,
    Action<SiloHostSettings, string> Apply,
    Func<string, string>? Redact = null)
{
    public const string EnvironmentPrefix = "PLATFORM_";

    public bool IsFlag => ValueName is null;

    /// <summary>The value as an error message or log line may show it.</summary>
    public string Show(string value) => Redact is null ? value : Redact(value);

    public static SettingOption Flag(string name, string description, Action<SiloHostSettings> set) =>
        new(name, null, null, null, description, (settings, _) => set(settings));

    /// <summary>A duration in SiloOptions; its environment variable follows the configuration-binding convention PLATFORM_SILO__PROPERTY.</summary>
    public static SettingOption Duration(string name, string property, string description, Action<SiloOptions, TimeSpan> set) =>
        new(name, SiloVariable(property), "hh:mm:ss", property, description,
            (settings, text) =>
            {
                var value = ParseDuration(text);
                settings.AddSiloOption(options => set(options, value));
            });

    public static SettingOption Count(string name, string property, string description, Action<SiloOptions, int> set) =>
        new(name, SiloVariable(property), "n", property, description,
            (settings, text) =>
            {
                var value = ParseCount(text);
                settings.AddSiloOption(options => set(options, value));
            });

    /// <summary>A setting of the host rather than of SiloOptions (e.g. which storage to use); its variable is PLATFORM_SILO__<paramref name="variable"/>.</summary>
    public static SettingOption Host(string name, string variable, string valueName, string description, Action<SiloHostSettings, string> apply, Func<string, string>? redact = null) =>
        new(name, SiloVariable(variable), valueName, null, description, apply, redact);

    private static string SiloVariable(string property) => $"{EnvironmentPrefix}SILO__{property.ToUpperInvariant()}";

    public static int ParseCount(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException("is not a whole number");

    public static TimeSpan ParseDuration(string text)
    {
        // A bare number would parse as days ("10" is ten days, not ten seconds), so a colon is required.
        if (!text.Contains(':', StringComparison.Ordinal) || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException("is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10");
        }

        return value;
    }
}
