namespace Platform.Api.Security;

/// <summary>The roles a token's "role" claim may carry, and the authorization policies named after them.</summary>
public static class Roles
{
    public const string Client = "client";
    public const string Freelancer = "freelancer";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Client, Freelancer, Admin];
}
