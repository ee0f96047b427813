using Platform.Grains.Tenancy;
using Platform.Grains.Validation;

namespace Platform.Grains.Jobs;

/// <summary>Validates a submitted draft and returns it cleaned up; every message names the field and the value.</summary>
internal static class JobDraftRules
{
    public const int MaxTitleLength = 200;

    public const int MaxDescriptionLength = 4000;

    /// <summary>Half the Earth's circumference: a larger radius means nothing more.</summary>
    public const double MaxRadiusKm = 20_000;

    public static JobDraft Clean(JobDraft draft, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var title = FieldRules.Required(draft.Title, "Job title", MaxTitleLength);
        var description = FieldRules.Optional(draft.Description, "Job description", MaxDescriptionLength);
        var clientId = FieldRules.Required(draft.ClientId, "Job client id", TenantKey.MaxIdLength);
        try
        {
            TenantKey.Create(tenantId, clientId);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"Job client id is invalid: {error.Message}", error);
        }

        if (draft.RequiredSkills is null || draft.RequiredSkills.Count == 0)
        {
            throw new ArgumentException("A job must require at least one skill.");
        }

        var skills = TextList.Normalize(draft.RequiredSkills, "Required skill");
        var certifications = TextList.Normalize(draft.RequiredCertifications, "Required certification");
        if (draft.ShiftStart >= draft.ShiftEnd)
        {
            throw new ArgumentException(
                $"Job shift start ({FieldRules.Format(draft.ShiftStart)}) must be before its end ({FieldRules.Format(draft.ShiftEnd)}).");
        }

        FieldRules.Latitude(draft.Latitude, "Job latitude");
        FieldRules.Longitude(draft.Longitude, "Job longitude");
        if (!(draft.RadiusKm > 0 && draft.RadiusKm <= MaxRadiusKm))
        {
            throw new ArgumentException(
                $"Job radius must be greater than 0 and at most {FieldRules.Format(MaxRadiusKm)} km; it is {FieldRules.Format(draft.RadiusKm)}.");
        }

        if (draft.HourlyWageMin <= 0)
        {
            throw new ArgumentException($"Hourly wage minimum must be greater than 0; it is {FieldRules.Format(draft.HourlyWageMin)}.");
        }

        if (draft.HourlyWageMin > draft.HourlyWageMax)
        {
            throw new ArgumentException(
                $"Hourly wage minimum ({FieldRules.Format(draft.HourlyWageMin)}) must not exceed the maximum ({FieldRules.Format(draft.HourlyWageMax)}).");
        }

        var currency = FieldRules.Currency(draft.Currency, "Job currency");
        return draft with
        {
            Title = title,
            Description = description,
            ClientId = clientId,
            RequiredSkills = skills,
            RequiredCertifications = certifications,
            Currency = currency,
        };
    }
}
