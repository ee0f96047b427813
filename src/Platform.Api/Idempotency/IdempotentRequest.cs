using System.Security.Cryptography;
using System.Text;

namespace Platform.Api.Idempotency;

/// <summary>
/// The request <see cref="IdempotencyFilter"/> let run: who sent it, its Idempotency-Key and a hash of what it asks. An
/// endpoint that creates something names it with <see cref="DerivedId"/>, so that an attempt that runs again after the
/// first one's answer was lost (its silo died after the change, the database went down before the answer was kept) finds
/// what the first attempt created instead of creating it a second time.
/// </summary>
internal sealed record IdempotentRequest(string CallerKey, string Key, string Fingerprint)
{
    public static IdempotentRequest Of(HttpContext context) =>
        context.Features.Get<IdempotentRequest>() ?? throw new InvalidOperationException("The endpoint needs the IdempotencyFilter in front of it.");

    /// <summary>"<paramref name="prefix"/>-" and 32 hex digits: the same for every attempt at this request, another for any other request.</summary>
    public string DerivedId(string prefix) =>
        $"{prefix}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{CallerKey}\n{Key}\n{Fingerprint}")))[..32]}";
}
