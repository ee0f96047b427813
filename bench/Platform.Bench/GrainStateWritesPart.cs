using Platform.Bench.Grains;

namespace Platform.Bench;

/// <summary>
/// Grain state written to PostgreSQL through Orleans' ADO.NET grain storage, as every marketplace grain writes it: each
/// loop calls its own grain (<see cref="IBenchStateGrain"/>, 1 KB of state), which writes before it answers, ramped.
/// </summary>
internal static class GrainStateWritesPart
{
    public const string Name = "grain_state_writes";

    public static async Task<BenchResult> RunAsync(CapacityRig rig, CapacitySizes sizes)
    {
        var grains = Enumerable.Range(0, sizes.MaxConcurrency).Select(i => rig.Cluster.Client.GetGrain<IBenchStateGrain>(i)).ToArray();
        // A step's new loops activate their grains within it (a row read each): a few hundred reads beside thousands of writes.
        Func<int, Func<Task>> write = slot => () => grains[slot].Write();

        var (result, best, _) = await SaturationRamp.MeasureAsync(
            Name, sizes.Ramp, sizes, [rig.Silo, rig.Postgres, CapacityRig.LoadGenerator, CpuProbe.Machine], write);
        result.Extra["state_bytes"] = BenchStateRecord.PayloadBytes;
        result.Extra["per_silo_core_per_second"] = CapacityScenario.PerCore(best.PerSecond, best.CpuCores["silo"]);
        result.Extra["per_postgres_core_per_second"] = CapacityScenario.PerCore(best.PerSecond, best.CpuCores["postgres"]);
        result.Extra["postgres_connections"] = await rig.PostgresConnectionsAsync();
        return result;
    }
}
