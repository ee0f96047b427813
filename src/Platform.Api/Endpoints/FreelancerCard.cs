using Platform.Grains.Freelancers;

namespace Platform.Api.Endpoints;

/// <summary>What a client of the tenant sees of a freelancer: no e-mail, no description, no availability.</summary>
public sealed record FreelancerCard(
    string FreelancerId,
    string DisplayName,
    string Headline,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> VerifiedCertifications,
    decimal HourlyRate,
    string Currency,
    double? RatingAverage,
    int RatingCount)
{
    public static FreelancerCard Of(FreelancerProfile profile) => new(
        profile.FreelancerId, profile.DisplayName, profile.Headline, profile.Skills, profile.VerifiedCertifications,
        profile.HourlyRate, profile.Currency, profile.RatingAverage, profile.RatingCount);
}
