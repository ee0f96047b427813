using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Endpoints.Requests;

/// <summary>The client offers the job to a freelancer of their tenant (by user id) at an hourly wage.</summary>
public sealed record OfferRequest(
    [property: Required, StringLength(128, MinimumLength = 1)] string FreelancerId,
    [property: Range(0.01, 100_000)] decimal HourlyWage);
