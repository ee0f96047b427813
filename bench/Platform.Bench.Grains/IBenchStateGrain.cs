namespace Platform.Bench.Grains;

/// <summary>
/// A grain whose every call writes its state to the silo's grain storage before answering: the unit of the capacity
/// scenario's grain-state write rate (one storage write, nothing else).
/// </summary>
public interface IBenchStateGrain : IGrainWithIntegerKey
{
    /// <returns>How many writes the grain has stored.</returns>
    Task<long> Write();
}
