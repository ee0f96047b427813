using Microsoft.Extensions.Options;

namespace Platform.Grains.Alerts;

/// <summary>Refuses lease settings that would drop live connections or never notice dead ones, naming the key as configured.</summary>
internal sealed class AlertOptionsValidator(string sectionPath) : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.LeaseDuration < AlertOptions.MinimumLeaseDuration || options.LeaseDuration > AlertOptions.MaximumLeaseDuration)
        {
            failures.Add(
                $"{Key(nameof(AlertOptions.LeaseDuration))} must be between {AlertOptions.MinimumLeaseDuration} and {AlertOptions.MaximumLeaseDuration}; it is {options.LeaseDuration}.");
        }

        if (options.ExpiryCheckInterval < AlertOptions.MinimumExpiryCheckInterval || options.ExpiryCheckInterval > options.LeaseDuration / 2)
        {
            failures.Add(
                $"{Key(nameof(AlertOptions.ExpiryCheckInterval))} must be between {AlertOptions.MinimumExpiryCheckInterval} and half of {Key(nameof(AlertOptions.LeaseDuration))} ({options.LeaseDuration / 2}); it is {options.ExpiryCheckInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Key(string property) => sectionPath.Length == 0 ? property : $"{sectionPath}:{property}";
}
