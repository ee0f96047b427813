using System.ComponentModel.DataAnnotations;
using Platform.Grains.Escrow;

namespace Platform.Api.Endpoints.Requests;

/// <summary>
/// Why a party disputes the contract, as the name of a <see cref="DisputeReason"/> ("NotDelivered"): a code, so no free
/// text enters the escrow's records. Taken as text so that an unknown name is a field error listing the names.
/// </summary>
public sealed record DisputeRequest([property: Required] string Reason) : IValidatableObject
{
    private static readonly string[] Names = Enum.GetNames<DisputeReason>();

    public DisputeReason ToDisputeReason() => Enum.Parse<DisputeReason>(Reason);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Names.Contains(Reason, StringComparer.Ordinal))
        {
            yield return new ValidationResult($"Reason '{Reason}' is not a dispute reason; use one of {string.Join(", ", Names)}.", [nameof(Reason)]);
        }
    }
}
