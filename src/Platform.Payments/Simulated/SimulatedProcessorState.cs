namespace Platform.Payments.Simulated;

/// <summary>The stored books of one contract at the simulated processor. Field ids are the stored format: add, never reuse.</summary>
[GenerateSerializer]
[Alias("platform.payments.SimulatedProcessorState")]
internal sealed class SimulatedProcessorState
{
    [Id(0)]
    public Dictionary<string, SimulatedOperation> Operations { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public Dictionary<string, SimulatedIntent> Intents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last number used in an object id.</summary>
    [Id(2)]
    public int Sequence { get; set; }
}
