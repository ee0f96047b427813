using System.Diagnostics;

namespace Platform.Bench;

/// <summary>The cores each probe used from <see cref="StartAsync"/> to <see cref="EndAsync"/>.</summary>
internal sealed class CpuWindow
{
    private readonly IReadOnlyList<CpuProbe> _probes;
    private readonly IReadOnlyDictionary<int, double>[] _before;
    private readonly long _start;

    private CpuWindow(IReadOnlyList<CpuProbe> probes, IReadOnlyDictionary<int, double>[] before)
    {
        _probes = probes;
        _before = before;
        _start = Stopwatch.GetTimestamp();
    }

    public static async Task<CpuWindow> StartAsync(IReadOnlyList<CpuProbe> probes) =>
        new(probes, await Task.WhenAll(probes.Select(probe => probe.Read())));

    /// <returns>Cores used, by probe name.</returns>
    public async Task<IReadOnlyDictionary<string, double>> EndAsync()
    {
        var after = await Task.WhenAll(_probes.Select(probe => probe.Read()));
        var seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        return _probes.Select((probe, i) => (probe.Name, Cores: CpuProbe.CoresBetween(_before[i], after[i], seconds)))
            .ToDictionary(entry => entry.Name, entry => entry.Cores);
    }
}
