namespace Platform.Api.Endpoints.Requests;

public sealed record AvailabilityRequest(DateTimeOffset Start, DateTimeOffset End);
