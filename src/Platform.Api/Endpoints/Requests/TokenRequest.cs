using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Endpoints.Requests;

/// <summary>Asks the development issuer for a token: any user of any tenant with the given roles.</summary>
public sealed record TokenRequest(
    [property: Required, StringLength(63, MinimumLength = 1)] string Tenant,
    [property: Required, StringLength(128, MinimumLength = 1)] string User,
    [property: Required, MinLength(1)] IReadOnlyList<string> Roles);
