namespace Platform.Bench;

/// <summary>
/// The CPU time of one measured thing, read from /proc: a process (a silo, the API), a set of processes that may change
/// (the PostgreSQL backends serving the run's database), or the whole machine. Two readings give the cores it used in
/// between (<see cref="CoresBetween"/>).
/// </summary>
/// <param name="Read">CPU seconds so far per process id (the machine is one entry).</param>
internal sealed record CpuProbe(string Name, Func<Task<IReadOnlyDictionary<int, double>>> Read)
{
    public static CpuProbe OfProcess(string name, int processId) =>
        OfProcesses(name, () => Task.FromResult<IReadOnlyCollection<int>>([processId]));

    public static CpuProbe OfProcesses(string name, Func<Task<IReadOnlyCollection<int>>> processIds) => new(name, async () =>
    {
        var seconds = new Dictionary<int, double>();
        foreach (var processId in await processIds())
        {
            if (ProcFs.ProcessCpuSeconds(processId) is { } used)
            {
                seconds[processId] = used;
            }
        }

        return seconds;
    });

    public static CpuProbe Machine { get; } =
        new("machine", () => Task.FromResult<IReadOnlyDictionary<int, double>>(new Dictionary<int, double> { [0] = ProcFs.MachineBusySeconds() }));

    /// <summary>
    /// Cores used between two readings <paramref name="seconds"/> apart. A process that started in between counts whole
    /// (all its CPU is from then); one that ended in between is missing from the later reading and its last stretch is
    /// lost, which the pooled connections and long-lived processes measured here make rare.
    /// </summary>
    public static double CoresBetween(IReadOnlyDictionary<int, double> before, IReadOnlyDictionary<int, double> after, double seconds) =>
        after.Sum(entry => entry.Value - before.GetValueOrDefault(entry.Key)) / seconds;
}
