using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Endpoints.Requests;

/// <summary>The client's payment method at the payment provider ("pm_..."), whose funds are held in escrow.</summary>
public sealed record FundingRequest([property: Required, StringLength(128, MinimumLength = 1)] string PaymentMethodId);
