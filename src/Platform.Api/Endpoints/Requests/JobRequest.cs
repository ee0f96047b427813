using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Endpoints.Requests;

/// <summary>A job as a client posts it; the client is the caller, never a field. The job grain checks the rest.</summary>
public sealed record JobRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    [property: Required, StringLength(4000)] string Description,
    [property: Required, MaxLength(30)] IReadOnlyList<string> RequiredSkills,
    [property: MaxLength(30)] IReadOnlyList<string>? RequiredCertifications,
    DateTimeOffset ShiftStart,
    DateTimeOffset ShiftEnd,
    [property: Range(-90, 90)] double Latitude,
    [property: Range(-180, 180)] double Longitude,
    [property: Range(0.1, 20_000)] double RadiusKm,
    [property: Range(0.01, 100_000)] decimal HourlyWageMin,
    [property: Range(0.01, 100_000)] decimal HourlyWageMax,
    [property: Required, RegularExpression("^[A-Z]{3}$", MatchTimeoutInMilliseconds = -1, ErrorMessage = "Currency must be an ISO 4217 code such as EUR.")] string Currency,
    bool Publish = false) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ShiftEnd <= ShiftStart)
        {
            yield return new ValidationResult($"ShiftEnd ({ShiftEnd:O}) must be after ShiftStart ({ShiftStart:O}).", [nameof(ShiftEnd)]);
        }

        if (HourlyWageMax < HourlyWageMin)
        {
            yield return new ValidationResult($"HourlyWageMax ({HourlyWageMax}) must not be below HourlyWageMin ({HourlyWageMin}).", [nameof(HourlyWageMax)]);
        }
    }
}
