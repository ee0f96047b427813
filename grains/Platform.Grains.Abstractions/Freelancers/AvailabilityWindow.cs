namespace Platform.Grains.Freelancers;

/// <summary>A period in which a freelancer can work, start inclusive, end exclusive, in UTC.</summary>
[GenerateSerializer]
[Immutable]
[Alias("platform.freelancers.AvailabilityWindow")]
public sealed record AvailabilityWindow(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End);
