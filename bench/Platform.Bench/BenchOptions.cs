using System.Globalization;

namespace Platform.Bench;

/// <summary>The command line: <c>SCENARIO [--duration SECONDS] [--concurrency N] [--count N] [--rate N] [--faults LIST] [--parts LIST] [--quick]</c>.</summary>
/// <param name="Rate">Requests per second offered by open-loop scenarios (api).</param>
/// <param name="Faults">The chaos scenario's faults in order, comma-separated (validated names of <see cref="ChaosFaults"/>).</param>
/// <param name="Parts">The capacity scenario's parts, comma-separated (validated names of <see cref="CapacityParts"/>).</param>
/// <param name="Quick">The capacity scenario at test size: a few operations of every part, seconds instead of minutes.</param>
public sealed record BenchOptions(
    string Scenario,
    double DurationSeconds,
    int Concurrency,
    int Count,
    int Rate = BenchOptions.DefaultRate,
    string Faults = BenchOptions.AllChaosFaults,
    string Parts = BenchOptions.AllCapacityParts,
    bool Quick = false)
{
    public const int DefaultRate = 2_000;

    /// <summary>What the chaos scenario injects, in this order unless --faults says otherwise.</summary>
    public static readonly string[] ChaosFaults = ["zone", "pause", "postgres", "roll"];

    public const string AllChaosFaults = "zone,pause,postgres,roll";

    /// <summary>What the capacity scenario measures, in the order it measures them (the database alone first).</summary>
    public static readonly string[] CapacityParts =
        ["journal_appends", "matching_queries", "grain_state_writes", "matching_jobs", "silo_calls", "api_requests", "signalr_connections"];

    public const string AllCapacityParts = "journal_appends,matching_queries,grain_state_writes,matching_jobs,silo_calls,api_requests,signalr_connections";

    private const string QuickFlag = "--quick";

    public static readonly string[] Scenarios =
        ["local-call", "local-call-bare", "local-call-traced", "local-baseline", "activation", "remote-baseline", "remote-call", "failover", "rolling-restart", "rebalance", "escrow", "matching", "api", "alerts", "chaos", "capacity"];

    public const string Usage =
        "usage: Platform.Bench SCENARIO [--duration SECONDS] [--concurrency N] [--count N] [--rate N] [--faults LIST] [--parts LIST] [--quick]\n" +
        "scenarios: local-call, local-call-bare, local-call-traced, local-baseline, activation, remote-baseline, remote-call, failover, rolling-restart, rebalance, escrow, matching, api, alerts, chaos, capacity\n" +
        "local-call runs one in-process silo with the platform's extensions, local-call-bare the same on plain Orleans,\n" +
        "local-call-traced on plain Orleans with its activity propagation (which the platform switches on);\n" +
        "remote-call, failover, rolling-restart and rebalance start the Platform.Silo executable; failover, rolling-restart and\n" +
        "rebalance keep membership and state in a fresh database on the PostgreSQL of scripts/postgres.sh (or PLATFORM_BENCH_POSTGRES)\n" +
        "escrow drives --count contracts (--concurrency at a time) from funding to release on three silo processes on PostgreSQL\n" +
        "with 5% of payment answers lost and one silo killed midway (--duration is not used)\n" +
        "matching loads --count freelancers (1,536-dimensional embeddings) into pgvector in a fresh database, then runs filtered\n" +
        "top-20 queries of four selectivities with --concurrency clients: p50_ms, p95_ms, recall_at_20, ingest_per_sec\n" +
        "api hosts the HTTP API in this process on Kestrel before one silo process (memory storage), seeds --count users (200),\n" +
        "then offers --rate requests/s (2000, open loop, latency from each request's scheduled time) over --concurrency\n" +
        "connections (200) for --duration s (10) of reads, then of writes, then reads in --concurrency closed loops: one line each\n" +
        "alerts connects --count users (2000) to the alerts hub over WebSockets, makes one alert for each through the\n" +
        "marketplace (open loop at --rate, 200/s) and reports the latency from the scheduled request to the alert and lost alerts\n" +
        "chaos starts a PostgreSQL server of its own, three silo processes (zones a, b, c) on it and the HTTP API as a process\n" +
        "of its own, keeps --concurrency writers (32) posting job drafts through the API with Idempotency-Keys as --count\n" +
        "client users (32), and injects --faults in order (zone,pause,postgres,roll: kill zone b and restore it; SIGSTOP a\n" +
        "silo until declared dead, SIGCONT, restart it; PostgreSQL down 10 s; roll every silo), with --duration s (5) of\n" +
        "steady load before, between and after: one line per fault (fault, recovery_s, failed_requests by status) and a\n" +
        "summary (fault \"summary\": writes, lost_writes, duplicate_executions, recovered_within_10s)\n" +
        "capacity measures where each part saturates on this machine, closed loop with concurrency raised 4x a step of\n" +
        "--duration s (3) until throughput stops growing: --parts (all: journal_appends, matching_queries, grain_state_writes,\n" +
        "matching_jobs, silo_calls, api_requests, signalr_connections) on one silo process and one API process on a fresh\n" +
        "PostgreSQL database, a matching corpus of --count freelancers (20000), --concurrency SignalR connections (5000);\n" +
        "one line per part with per_second, p50_ms, p99_ms, the CPU of each process from /proc and the load average;\n" +
        "--quick: test size (1000 freelancers, 20 connections, steps of 0.5 s, a few jobs)\n" +
        "prints one JSON object per run on stdout: scenario, ops, seconds, ops_per_sec, p50_us, p99_us, concurrency, ...";

    /// <summary>Parses the arguments, or throws <see cref="FormatException"/> with a message that names the bad input.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new FormatException("missing SCENARIO; expected one of: " + string.Join(", ", Scenarios));
        }

        var scenario = args[0];
        if (!Scenarios.Contains(scenario))
        {
            throw new FormatException($"unknown scenario '{scenario}'; expected one of: {string.Join(", ", Scenarios)}");
        }

        // --quick picks the test-size defaults; options given beside it still override them, wherever they stand.
        var quick = args.Skip(1).Contains(QuickFlag);
        if (quick && scenario != "capacity")
        {
            throw new FormatException($"{QuickFlag} applies only to the capacity scenario, not to {scenario}");
        }

        var options = scenario switch
        {
            "remote-baseline" => new BenchOptions(scenario, 5, 256, 1_000_000),
            "remote-call" => new BenchOptions(scenario, 5, 256, 256),
            "failover" => new BenchOptions(scenario, 20, 64, 300),
            "rolling-restart" => new BenchOptions(scenario, 20, 64, 300),
            "rebalance" => new BenchOptions(scenario, 5, 256, 100_000),
            "escrow" => new BenchOptions(scenario, 30, 100, 1_000),
            "matching" => new BenchOptions(scenario, 5, 1, 100_000),
            "activation" => new BenchOptions(scenario, 5, 64, 300_000),
            "api" => new BenchOptions(scenario, 10, 200, 200),
            "alerts" => new BenchOptions(scenario, 10, 200, 2_000, Rate: 200),
            "chaos" => new BenchOptions(scenario, 5, 32, 32),
            "capacity" when quick => new BenchOptions(scenario, 0.5, 20, 1_000, Quick: true),
            "capacity" => new BenchOptions(scenario, 3, 5_000, 20_000),
            _ => new BenchOptions(scenario, 5, 64, 1_000_000),
        };
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == QuickFlag)
            {
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new FormatException($"option {name} needs a value");
            }

            var value = args[++i];
            options = name switch
            {
                "--duration" => options with { DurationSeconds = ParsePositiveDouble(name, value) },
                "--concurrency" => options with { Concurrency = ParsePositiveInt(name, value) },
                "--count" => options with { Count = ParsePositiveInt(name, value) },
                "--rate" => options with { Rate = ParsePositiveInt(name, value) },
                "--faults" when scenario != "chaos" => throw new FormatException($"--faults applies only to the chaos scenario, not to {scenario}"),
                "--faults" => options with { Faults = ParseList("fault", "--faults", value, ChaosFaults) },
                "--parts" when scenario != "capacity" => throw new FormatException($"--parts applies only to the capacity scenario, not to {scenario}"),
                "--parts" => options with { Parts = ParseList("part", "--parts", value, CapacityParts) },
                _ => throw new FormatException($"unknown option '{name}'; expected --duration, --concurrency, --count, --rate, --faults, --parts or --quick"),
            };
        }

        return options;
    }

    /// <summary>A comma-separated list of distinct names out of <paramref name="known"/>.</summary>
    private static string ParseList(string kind, string option, string value, string[] known)
    {
        var names = value.Split(',');
        foreach (var name in names)
        {
            if (!known.Contains(name))
            {
                throw new FormatException($"unknown {kind} '{name}' in {option}; expected a comma-separated list of {string.Join(", ", known)}");
            }
        }

        return names.Distinct().Count() == names.Length
            ? value
            : throw new FormatException($"{option} names a {kind} twice: '{value}'");
    }

    private static double ParsePositiveDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 && double.IsFinite(parsed)
            ? parsed
            : throw new FormatException($"{name} must be a positive number of seconds; got '{value}'");

    private static int ParsePositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new FormatException($"{name} must be a positive whole number; got '{value}'");
}
