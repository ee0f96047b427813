using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>
/// The cheapest grain call (<see cref="IBenchTargetGrain.Ping"/>, no state, no I/O) from the Orleans client in this
/// process to the silo process, each loop its own grain, ramped: what one silo's messaging and scheduling sustain, and
/// the silo CPU per call.
/// </summary>
internal static class SiloCallsPart
{
    public const string Name = "silo_calls";

    public static async Task<BenchResult> RunAsync(CapacityRig rig, CapacitySizes sizes)
    {
        var grains = Enumerable.Range(0, sizes.MaxConcurrency).Select(i => rig.Cluster.Client.GetGrain<IBenchTargetGrain>(i)).ToArray();
        Func<int, Func<Task>> call = slot => () => grains[slot].Ping(slot);

        var (result, best, _) = await SaturationRamp.MeasureAsync(Name, sizes.Ramp, sizes, [rig.Silo, CapacityRig.LoadGenerator, CpuProbe.Machine], call);
        result.Extra["per_silo_core_per_second"] = CapacityScenario.PerCore(best.PerSecond, best.CpuCores["silo"]);
        return result;
    }
}
