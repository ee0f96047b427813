namespace Platform.Grains.Escrow;

/// <summary>
/// What a contract holds in escrow and for whom. Parties are opaque ids (letters, digits, '-', '_', '.', ':'), never
/// names or e-mail addresses: escrow events and ledger postings keep them for years, and a GDPR erasure of the
/// freelancer's profile must leave them as pseudonyms.
/// </summary>
/// <param name="ClientId">The paying client's party id.</param>
/// <param name="FreelancerId">The freelancer's party id.</param>
/// <param name="FreelancerAccountId">The freelancer's connected account at the payment provider (Stripe "acct_...").</param>
/// <param name="Amount">What the client pays, in minor units of <paramref name="Currency"/> (cents for EUR).</param>
/// <param name="Currency">ISO 4217, three letters; stored lower case as payment providers spell it.</param>
/// <param name="PlatformFee">What the platform keeps on release, in minor units; less than the amount.</param>
[GenerateSerializer]
[Immutable]
[Alias("platform.escrow.EscrowTerms")]
public sealed record EscrowTerms(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string FreelancerId,
    [property: Id(2)] string FreelancerAccountId,
    [property: Id(3)] long Amount,
    [property: Id(4)] string Currency,
    [property: Id(5)] long PlatformFee);
