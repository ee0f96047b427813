using System.Diagnostics;
using System.Globalization;
using Platform.Bench.Grains;
using Platform.Grains.Escrow;
using Platform.Payments;
using Platform.Payments.Simulated;

namespace Platform.Bench;

/// <summary>
/// --count contracts, --concurrency at a time, each driven from creation through funding to release on three silo
/// processes on PostgreSQL, whose simulated payment provider performs 5% of requests and then loses the answer; the
/// silo of zone b is killed (SIGKILL) once half the contracts are released. A call that fails is repeated until it
/// succeeds, as a client would. Afterwards the simulated processor's durable books say how often money moved per
/// contract (double_payments: contracts captured or transferred more than once, must be 0) and the ledger is verified
/// against the journal.
/// </summary>
internal static class EscrowScenario
{
    private const double TimeoutAfterPerformingRate = 0.05;
    private const string Tenant = "bench";
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        // The silo processes inherit this environment: their host configuration reads Payments__* (section "Payments").
        using var payments = new EscrowSiloEnvironment(new Dictionary<string, string>
        {
            ["Payments__Provider"] = "Simulated",
            ["Payments__Simulated__TimeoutAfterPerformingRate"] = TimeoutAfterPerformingRate.ToString(CultureInfo.InvariantCulture),
            ["Payments__Simulated__Seed"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        });
        await using var cluster = await BenchCluster.StartAsync(postgres: true, "a", "b", "c");
        var load = new EscrowLoad(cluster, options.Count, options.Concurrency);
        var start = Stopwatch.GetTimestamp();
        await load.RunAsync(Deadline);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var books = await EscrowLoad.RetryAsync(() => BooksAsync(cluster.Client, options.Count), RetryPause, Deadline);
        var verification = await EscrowLoad.RetryAsync(() => cluster.Client.GetGrain<IEscrowLedgerGrain>(Tenant).Verify(), RetryPause, Deadline);
        foreach (var message in load.FailureMessages)
        {
            await Console.Error.WriteLineAsync($"escrow: failed call (repeated): {message}");
        }

        foreach (var mismatch in verification.Mismatches.Take(5))
        {
            await Console.Error.WriteLineAsync($"escrow: ledger mismatch: {mismatch}");
        }

        var (p50, p99) = LatencySample.Percentiles(load.Samples);
        var result = new BenchResult(options.Scenario, load.Samples.Sum(sample => sample.Count), seconds, p50, p99, options.Concurrency);
        result.Extra["contracts_per_sec"] = Math.Round(options.Count / seconds, 1);
        result.Flags["ledger_balanced"] = verification.Balanced && verification.Postings == 2L * options.Count;
        result.Extra["double_payments"] = books.Count(operations => Performed(operations, PaymentStep.Capture) > 1 || Performed(operations, PaymentStep.Transfer) > 1);
        result.Extra["contracts_released"] = books.Count(operations => Performed(operations, PaymentStep.Transfer) == 1);
        result.Extra["payment_retries"] = books.Sum(operations => operations.Sum(operation => operation.Requests - 1));
        result.Extra["failed_calls"] = load.FailedCalls;
        result.Extra["ledger_postings"] = verification.Postings;
        result.Extra["fault_rate"] = TimeoutAfterPerformingRate;
        result.Extra["silos_killed"] = cluster.Silos.Count(silo => silo.HasExited);
        return result;
    }

    public static IEscrowGrain Contract(IGrainFactory grains, int index) => grains.GetGrain<IEscrowGrain>(ContractKey(index));

    public static EscrowTerms Terms(int index) => new(
        $"client-{index % 50}",
        $"freelancer-{index % 20}",
        $"acct_bench{index % 20}",
        10_000 + index,
        "eur",
        1_000);

    private static string ContractKey(int index) => $"{Tenant}/contract-{index}";

    private static int Performed(IReadOnlyList<SimulatedOperation> operations, PaymentStep step) =>
        operations.Count(operation => operation.Step == step && operation.Performed);

    private static async Task<IReadOnlyList<SimulatedOperation>[]> BooksAsync(IGrainFactory grains, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(index => grains.GetGrain<ISimulatedProcessorGrain>(ContractKey(index)).GetOperations()));
}
