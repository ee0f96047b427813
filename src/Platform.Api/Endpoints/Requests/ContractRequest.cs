using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Endpoints.Requests;

/// <summary>
/// What the job's client puts into escrow for the job. The parties come from the job (its client and the hired
/// freelancer), the platform fee from <c>Api:Escrow:PlatformFeePercent</c>; the escrow grain checks the rest.
/// </summary>
/// <param name="Amount">In minor units of <paramref name="Currency"/> (cents for EUR).</param>
/// <param name="FreelancerAccountId">
/// The hired freelancer's connected account at the payment provider; when left out, <c>acct_{freelancer id}</c>, which
/// the simulated provider (the embedded default) accepts. A front end on Stripe passes the account from onboarding.
/// </param>
public sealed record ContractRequest(
    [property: Range(typeof(long), "1", "99999999", ErrorMessage = "Amount must be between 1 and 99999999 minor units (cents for EUR).")] long Amount,
    [property: Required, RegularExpression("^[A-Z]{3}$", MatchTimeoutInMilliseconds = -1, ErrorMessage = "Currency must be an ISO 4217 code such as EUR.")] string Currency,
    [property: StringLength(128), RegularExpression("^acct_[A-Za-z0-9_]+$", MatchTimeoutInMilliseconds = -1, ErrorMessage = "FreelancerAccountId must be a connected account id: 'acct_' then letters, digits or '_'.")]
    string? FreelancerAccountId = null);
