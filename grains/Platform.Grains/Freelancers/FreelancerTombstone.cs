namespace Platform.Grains.Freelancers;

/// <summary>
/// All that is left of an erased freelancer: when, the jobs still to pseudonymize while the erasure is under way, and
/// the receipt once it is done. Holds no personal data (job keys and the freelancer's own key are pseudonyms).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.freelancers.FreelancerTombstone")]
internal sealed record FreelancerTombstone(
    [property: Id(0)] DateTimeOffset ErasedAt,
    [property: Id(1)] IReadOnlyList<string> JobKeys,
    [property: Id(2)] ErasureReceipt? Receipt);
