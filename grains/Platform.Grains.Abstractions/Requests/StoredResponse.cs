namespace Platform.Grains.Requests;

/// <summary>An HTTP answer as it was sent: status, JSON body and the Location of what it created.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.requests.StoredResponse")]
public sealed record StoredResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? Body,
    [property: Id(2)] string? Location);
