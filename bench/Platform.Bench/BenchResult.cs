using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Bench;

/// <summary>One line of benchmark output: the common fields every scenario prints, plus its own.</summary>
public sealed record BenchResult(string Scenario, long Ops, double Seconds, double P50Microseconds, double P99Microseconds, int Concurrency)
{
    public Dictionary<string, double> Extra { get; } = [];

    /// <summary>Yes/no outcomes a scenario reports (printed as JSON true/false).</summary>
    public Dictionary<string, bool> Flags { get; } = [];

    /// <summary>Names a scenario reports (printed as JSON strings), e.g. which endpoint a line measured.</summary>
    public Dictionary<string, string> Labels { get; } = [];

    public double OpsPerSecond => Ops / Seconds;

    public string ToJson()
    {
        var json = new JsonObject
        {
            ["scenario"] = Scenario,
            ["ops"] = Ops,
            ["seconds"] = Math.Round(Seconds, 3),
            ["ops_per_sec"] = Math.Round(OpsPerSecond),
            ["p50_us"] = Math.Round(P50Microseconds, 2),
            ["p99_us"] = Math.Round(P99Microseconds, 2),
            ["concurrency"] = Concurrency,
        };
        foreach (var (name, value) in Labels)
        {
            json[name] = value;
        }

        foreach (var (name, value) in Extra)
        {
            json[name] = value;
        }

        foreach (var (name, value) in Flags)
        {
            json[name] = value;
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
