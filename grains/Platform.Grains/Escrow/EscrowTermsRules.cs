using System.Globalization;
using Platform.Grains.Tenancy;

namespace Platform.Grains.Escrow;

/// <summary>What terms a contract accepts; every refusal names the field and its value.</summary>
internal static class EscrowTermsRules
{
    /// <summary>Stripe's largest amount for most currencies, in minor units.</summary>
    public const long MaxAmount = 99_999_999;

    /// <exception cref="ArgumentException">A term is missing or malformed.</exception>
    public static EscrowTerms Normalize(TenantKey contract, EscrowTerms? terms)
    {
        if (terms is null)
        {
            throw new ArgumentNullException(nameof(terms), $"Escrow '{contract}' needs terms to be created.");
        }

        CheckOpaqueId(contract, terms.ClientId, "client id");
        CheckOpaqueId(contract, terms.FreelancerId, "freelancer id");
        if (string.Equals(terms.ClientId, terms.FreelancerId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Escrow '{contract}': the client id and the freelancer id must differ; both are '{terms.ClientId}'.", nameof(terms));
        }

        CheckOpaqueId(contract, terms.FreelancerAccountId, "freelancer account id");
        if (!terms.FreelancerAccountId.StartsWith("acct_", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Escrow '{contract}': the freelancer account id must be a connected account id 'acct_...'; it is '{terms.FreelancerAccountId}'.", nameof(terms));
        }

        if (terms.Amount is < 1 or > MaxAmount)
        {
            throw new ArgumentException(
                $"Escrow '{contract}': the amount must be between 1 and {Format(MaxAmount)} minor units; it is {Format(terms.Amount)}.", nameof(terms));
        }

        if (terms.Currency is not { Length: 3 } || !terms.Currency.All(char.IsAsciiLetter))
        {
            throw new ArgumentException($"Escrow '{contract}': the currency must be a three-letter ISO 4217 code such as EUR; it is '{terms.Currency}'.", nameof(terms));
        }

        if (terms.PlatformFee < 0 || terms.PlatformFee >= terms.Amount)
        {
            throw new ArgumentException(
                $"Escrow '{contract}': the platform fee must be at least 0 and below the amount ({Format(terms.Amount)}); it is {Format(terms.PlatformFee)}.",
                nameof(terms));
        }

        return terms with { Currency = terms.Currency.ToLowerInvariant() };
    }

    /// <summary>
    /// Party ids follow the platform's id rule (<see cref="TenantKey"/>: no '@', no spaces), so neither an e-mail address
    /// nor a name can enter an escrow event or a posting.
    /// </summary>
    /// <exception cref="ArgumentException">The id is empty or holds a character ids may not.</exception>
    public static string CheckOpaqueId(TenantKey contract, string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"Escrow '{contract}': the {field} must not be empty.", field);
        }

        try
        {
            TenantKey.Create(contract.TenantId, value);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException(
                $"Escrow '{contract}': the {field} must be an opaque id, never a name or an e-mail address: {error.Message}", field, error);
        }

        return value;
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
