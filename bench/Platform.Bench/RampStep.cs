using System.Globalization;

namespace Platform.Bench;

/// <summary>One closed-loop step of a <see cref="SaturationRamp"/>: what <see cref="Concurrency"/> loops achieved in <see cref="Seconds"/>.</summary>
/// <param name="LatenciesMs">Of every completed operation, sorted.</param>
/// <param name="CpuCores">Cores each probe's processes used during the step, by probe name.</param>
internal sealed record RampStep(int Concurrency, int Errors, double Seconds, double[] LatenciesMs, IReadOnlyDictionary<string, double> CpuCores)
{
    public int Operations => LatenciesMs.Length;

    public double PerSecond => Operations / Seconds;

    /// <summary>
    /// The capacity line of this step: throughput, latency, and for each probe the cores it used and its CPU per
    /// operation, from which capacity per core follows.
    /// </summary>
    public BenchResult ToResult(string part)
    {
        var result = CapacityScenario.Line(part, Operations, Seconds, LatenciesMs, Concurrency);
        result.Extra["errors"] = Errors;
        CapacityScenario.AddCpu(result, CpuCores, PerSecond);
        return result;
    }

    /// <summary>"concurrency:per-second" for the ramp's record of how throughput grew.</summary>
    public string Summary => $"{Concurrency.ToString(CultureInfo.InvariantCulture)}:{Math.Round(PerSecond).ToString(CultureInfo.InvariantCulture)}";
}
