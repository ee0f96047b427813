namespace Platform.Bench.Grains;

/// <summary>
/// What <see cref="IBenchStateGrain"/> stores: a counter and a fixed payload, so every write carries the same number of
/// bytes however long the run (unlike the counter grain's growing log).
/// </summary>
[GenerateSerializer]
public sealed class BenchStateRecord
{
    /// <summary>Bytes of payload per stored row: in the range of a marketplace grain's serialized state (a job, a profile).</summary>
    public const int PayloadBytes = 1_024;

    [Id(0)]
    public long Writes { get; set; }

    [Id(1)]
    public byte[] Payload { get; set; } = new byte[PayloadBytes];
}
