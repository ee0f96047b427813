namespace Platform.Api.Endpoints;

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
