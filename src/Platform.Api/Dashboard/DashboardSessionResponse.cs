namespace Platform.Api.Dashboard;

/// <summary>Where the dashboard is, and when the session (the token it was started with) expires.</summary>
internal sealed record DashboardSessionResponse(string Dashboard, DateTimeOffset ExpiresAt);
