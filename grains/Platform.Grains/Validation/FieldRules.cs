using System.Globalization;

namespace Platform.Grains.Validation;

/// <summary>Checks shared by profiles and jobs; every message names the field and the value it refused.</summary>
internal static class FieldRules
{
    /// <summary>Trims <paramref name="value"/> and refuses it when empty or longer than <paramref name="maxLength"/>.</summary>
    /// <param name="field">How the message names the field, capitalised: "Job title".</param>
    public static string Required(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ArgumentException($"{field} must not be empty.");
        }

        return WithinLength(trimmed, field, maxLength);
    }

    /// <summary>Trims <paramref name="value"/> (null becomes empty) and refuses it when longer than <paramref name="maxLength"/>.</summary>
    public static string Optional(string? value, string field, int maxLength) =>
        WithinLength(value?.Trim() ?? string.Empty, field, maxLength);

    /// <summary>An ISO 4217 code: three ASCII letters, returned in upper case.</summary>
    public static string Currency(string? value, string field)
    {
        var trimmed = value?.Trim();
        if (trimmed is not { Length: 3 } || !trimmed.All(char.IsAsciiLetter))
        {
            throw new ArgumentException($"{field} must be a three-letter ISO 4217 code such as EUR; it is '{value}'.");
        }

        return trimmed.ToUpperInvariant();
    }

    // Both written as "not within" so that NaN, which fails every comparison, is refused too.
    public static void Latitude(double value, string field)
    {
        if (!(value >= -90 && value <= 90))
        {
            throw new ArgumentException($"{field} must be between -90 and 90; it is {Format(value)}.");
        }
    }

    public static void Longitude(double value, string field)
    {
        if (!(value >= -180 && value <= 180))
        {
            throw new ArgumentException($"{field} must be between -180 and 180; it is {Format(value)}.");
        }
    }

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static string WithinLength(string value, string field, int maxLength) =>
        value.Length <= maxLength
            ? value
            : throw new ArgumentException($"{field} is {value.Length} characters long; at most {maxLength} are allowed.");
}
