using System.Globalization;

namespace Platform.Bench;

/// <summary>
/// What Linux reports in /proc about processes and the machine: CPU time, resident memory, load average. The capacity
/// scenario reads its figures per process here, so that the load generator's own CPU never counts as the measured part's.
/// </summary>
internal static class ProcFs
{
    /// <summary>The kernel's USER_HZ, the unit of every CPU time in /proc: 100 on every Linux architecture .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>User and system CPU seconds the process has used, or null when it has ended.</summary>
    public static double? ProcessCpuSeconds(int processId)
    {
        if (ReadOrNull($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat") is not { } stat)
        {
            return null;
        }

        // The command name, in parentheses, may contain spaces: the fields after it start at the last ')' plus a space,
        // with field 3 of proc(5) (the state) first, so utime (14) and stime (15) are at 11 and 12.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (ParseLong(fields[11]) + ParseLong(fields[12])) / ClockTicksPerSecond;
    }

    /// <summary>CPU seconds all cores have spent busy since boot (everything but idle and I/O wait).</summary>
    public static double MachineBusySeconds()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is already in user.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(field => ParseLong(fields[field]));
        return busy / ClockTicksPerSecond;
    }

    /// <summary>The process's resident set (VmRSS), or null when it has ended.</summary>
    public static long? ResidentBytes(int processId)
    {
        if (ReadOrNull($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status") is not { } status)
        {
            return null;
        }

        var line = status.Split('\n').First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return ParseLong(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1_024;
    }

    /// <summary>The 1, 5 and 15 minute load averages: how busy other work kept the machine while a figure was taken.</summary>
    public static (double OneMinute, double FiveMinutes, double FifteenMinutes) LoadAverage()
    {
        var fields = File.ReadAllText("/proc/loadavg").Split(' ');
        return (ParseDouble(fields[0]), ParseDouble(fields[1]), ParseDouble(fields[2]));
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            // The process ended between listing it and reading it.
            return null;
        }
    }

    private static long ParseLong(string value) => long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double ParseDouble(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
