using Platform.Grains.Freelancers;

namespace Platform.Grains.Matching;

/// <summary>
/// What the matching index holds of one freelancer: the text that is embedded and the fields the hard filters read.
/// Written by the freelancer grain after every profile change; removed on erasure.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.matching.FreelancerMatchDocument")]
public sealed record FreelancerMatchDocument(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string FreelancerId,
    [property: Id(2)] string ProfileText,
    [property: Id(3)] IReadOnlyList<string> Skills,
    [property: Id(4)] IReadOnlyList<string> Certifications,
    [property: Id(5)] decimal HourlyRate,
    [property: Id(6)] string Currency,
    [property: Id(7)] double Latitude,
    [property: Id(8)] double Longitude,
    [property: Id(9)] IReadOnlyList<AvailabilityWindow> Availability);
