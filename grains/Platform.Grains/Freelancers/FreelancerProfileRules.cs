using Platform.Grains.Validation;

namespace Platform.Grains.Freelancers;

/// <summary>Validates a submitted profile and returns it cleaned up; every message names the field and the value.</summary>
internal static class FreelancerProfileRules
{
    public const int MaxDisplayNameLength = 100;

    public const int MaxHeadlineLength = 120;

    public const int MaxDescriptionLength = 4000;

    /// <summary>The longest address SMTP can carry (RFC 5321).</summary>
    public const int MaxEmailLength = 254;

    public const int MaxAvailabilityWindows = 100;

    /// <param name="previous">The stored profile, whose verifications (of certifications still claimed) and ratings carry over.</param>
    public static FreelancerProfile Clean(FreelancerProfileUpdate update, string freelancerKey, FreelancerProfile? previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(update);
        var displayName = FieldRules.Required(update.DisplayName, "Freelancer display name", MaxDisplayNameLength);
        var headline = FieldRules.Required(update.Headline, "Freelancer headline", MaxHeadlineLength);
        var description = FieldRules.Optional(update.Description, "Freelancer description", MaxDescriptionLength);
        var email = Email(update.Email);
        if (update.Skills is null || update.Skills.Count == 0)
        {
            throw new ArgumentException("A freelancer profile must list at least one skill.");
        }

        var skills = TextList.Normalize(update.Skills, "Skill");
        var certifications = TextList.Normalize(update.Certifications, "Certification");
        if (update.HourlyRate <= 0)
        {
            throw new ArgumentException($"Hourly rate must be greater than 0; it is {FieldRules.Format(update.HourlyRate)}.");
        }

        var currency = FieldRules.Currency(update.Currency, "Currency");
        FieldRules.Latitude(update.Latitude, "Latitude");
        FieldRules.Longitude(update.Longitude, "Longitude");
        var availability = Availability(update.Availability);
        var verified = certifications
            .Where(claimed => previous?.VerifiedCertifications.Contains(claimed, StringComparer.OrdinalIgnoreCase) == true)
            .ToArray();
        return new FreelancerProfile(
            freelancerKey,
            displayName,
            headline,
            description,
            email,
            skills,
            certifications,
            verified,
            update.HourlyRate,
            currency,
            update.Latitude,
            update.Longitude,
            availability,
            previous?.RatingCount ?? 0,
            previous?.RatingAverage,
            now);
    }

    private static string Email(string? value)
    {
        var email = FieldRules.Required(value, "Freelancer e-mail", MaxEmailLength);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var domain = at < 0 ? string.Empty : email[(at + 1)..];
        if (at <= 0 || domain.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace)
            || !domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            throw new ArgumentException($"Freelancer e-mail '{email}' is not an e-mail address: it needs one '@' between a name and a domain such as example.org, and no spaces.");
        }

        return email;
    }

    /// <summary>Sorted by start. A window must start before it ends, and no two may overlap (touching is fine: ends are exclusive).</summary>
    private static AvailabilityWindow[] Availability(IReadOnlyList<AvailabilityWindow>? windows)
    {
        if (windows is null || windows.Count == 0)
        {
            return [];
        }

        if (windows.Count > MaxAvailabilityWindows)
        {
            throw new ArgumentException($"A profile may list at most {MaxAvailabilityWindows} availability windows; it lists {windows.Count}.");
        }

        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i] ?? throw new ArgumentException($"Availability window #{i + 1} is missing.");
            if (window.Start >= window.End)
            {
                throw new ArgumentException(
                    $"Availability window #{i + 1} must start before it ends; it runs from {FieldRules.Format(window.Start)} to {FieldRules.Format(window.End)}.");
            }
        }

        var ordered = windows.Select((window, index) => (Window: window, Number: index + 1)).OrderBy(entry => entry.Window.Start).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            var (earlier, later) = (ordered[i - 1], ordered[i]);
            if (later.Window.Start < earlier.Window.End)
            {
                var (first, second) = earlier.Number < later.Number ? (earlier, later) : (later, earlier);
                throw new ArgumentException(
                    $"Availability windows #{first.Number} ({Describe(first.Window)}) and #{second.Number} ({Describe(second.Window)}) overlap.");
            }
        }

        return ordered.Select(entry => entry.Window).ToArray();
    }

    private static string Describe(AvailabilityWindow window) => $"{FieldRules.Format(window.Start)} to {FieldRules.Format(window.End)}";
}
