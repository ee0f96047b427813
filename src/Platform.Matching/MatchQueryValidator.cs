using System.Globalization;
using Platform.Grains.Matching;

namespace Platform.Matching;

/// <summary>The checks every <see cref="MatchQuery"/> passes before it is embedded and searched.</summary>
public static class MatchQueryValidator
{
    /// <summary>The most candidates one query may ask for.</summary>
    public const int MaxLimit = 200;

    /// <exception cref="ArgumentException">A field is missing or out of range; the message names it and its value.</exception>
    public static void ThrowIfInvalid(MatchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.TenantId))
        {
            throw new ArgumentException("Match query tenant id must not be empty.", nameof(query));
        }

        if (string.IsNullOrWhiteSpace(query.JobText))
        {
            throw new ArgumentException("Match query job text must not be empty.", nameof(query));
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"Match query limit must be between 1 and {MaxLimit}; it is {query.Limit}.", nameof(query));
        }

        // Comparisons written as "not within" so that NaN, which fails every comparison, is refused too.
        if (!(query.RadiusKm > 0 && double.IsFinite(query.RadiusKm)))
        {
            throw new ArgumentException($"Match query radius must be a finite number of km greater than 0; it is {Format(query.RadiusKm)}.", nameof(query));
        }

        if (!(query.Latitude >= -90 && query.Latitude <= 90))
        {
            throw new ArgumentException($"Match query latitude must be between -90 and 90; it is {Format(query.Latitude)}.", nameof(query));
        }

        if (!(query.Longitude >= -180 && query.Longitude <= 180))
        {
            throw new ArgumentException($"Match query longitude must be between -180 and 180; it is {Format(query.Longitude)}.", nameof(query));
        }

        if (query.WageMin < 0)
        {
            throw new ArgumentException($"Match query minimum wage must not be negative; it is {Format(query.WageMin)}.", nameof(query));
        }

        if (query.WageMin > query.WageMax)
        {
            throw new ArgumentException(
                $"Match query minimum wage ({Format(query.WageMin)}) must not exceed the maximum wage ({Format(query.WageMax)}).", nameof(query));
        }

        if (!Currency.IsCode(query.Currency))
        {
            throw new ArgumentException(
                $"Match query currency must be a three-letter ISO 4217 code such as EUR; it is '{query.Currency}'.", nameof(query));
        }

        if (query.ShiftStart >= query.ShiftEnd)
        {
            throw new ArgumentException(
                $"Match query shift start ({query.ShiftStart:O}) must be before the shift end ({query.ShiftEnd:O}).", nameof(query));
        }

        Labels.Normalize(query.RequiredSkills, "Match query required skill");
        Labels.Normalize(query.RequiredCertifications, "Match query required certification");
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
