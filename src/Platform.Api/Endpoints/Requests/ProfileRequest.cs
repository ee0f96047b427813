using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Endpoints.Requests;

/// <summary>A freelancer's profile as they submit it; the grain checks the rest (skills, availability, currency).</summary>
public sealed record ProfileRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string DisplayName,
    [property: Required, StringLength(200)] string Headline,
    [property: Required, StringLength(4000)] string Description,
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required, MaxLength(50)] IReadOnlyList<string> Skills,
    [property: MaxLength(50)] IReadOnlyList<string>? Certifications,
    [property: Range(0.01, 100_000)] decimal HourlyRate,
    [property: Required, RegularExpression("^[A-Z]{3}$", MatchTimeoutInMilliseconds = -1, ErrorMessage = "Currency must be an ISO 4217 code such as EUR.")] string Currency,
    [property: Range(-90, 90)] double Latitude,
    [property: Range(-180, 180)] double Longitude,
    [property: Required, MaxLength(100)] IReadOnlyList<AvailabilityRequest> Availability);
