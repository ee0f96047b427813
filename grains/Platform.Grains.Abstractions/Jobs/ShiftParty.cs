namespace Platform.Grains.Jobs;

/// <summary>Which side of a filled job cancels its shift.</summary>
[GenerateSerializer]
[Alias("platform.jobs.ShiftParty")]
public enum ShiftParty
{
    Client = 0,
    Freelancer = 1,
}
