namespace Platform.Bench.Grains;

[GenerateSerializer]
public sealed class BenchCounterState
{
    [Id(0)]
    public List<Guid> Operations { get; set; } = [];
}
