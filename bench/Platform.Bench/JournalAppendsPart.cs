using Platform.EventSourcing;
using Platform.PostgreSql;

namespace Platform.Bench;

/// <summary>
/// The event journal on PostgreSQL (<see cref="PostgreSqlEventJournal"/>), appended to from this process by writers that
/// each own a stream, ramped from one (one stream: all one journaled grain does, since it confirms one append at a time,
/// each conditional on the version before) to many streams. Every append, to whichever stream, first takes the same
/// transaction-scoped advisory lock and holds it through its commit (so that global positions are gapless in commit
/// order): appends to all streams of one database commit one at a time.
/// </summary>
internal static class JournalAppendsPart
{
    public const string Name = "journal_appends";

    /// <summary>One event per append, of the size of an escrow event (a payment step with its amount and ids).</summary>
    private static readonly EventData Event = new(
        "capacity.payment-recorded",
        """{"amount":15000,"currency":"EUR","paymentId":"pi_3PZx8bLkdIwHu7ix0Xq1YQ2c","step":"funding"}"""u8.ToArray());

    public static async Task<BenchResult> RunAsync(CapacityRig rig, CapacitySizes sizes)
    {
        var journal = new PostgreSqlEventJournal(rig.DataSource, TimeProvider.System);
        CpuProbe[] probes = [rig.Postgres, CapacityRig.LoadGenerator, CpuProbe.Machine];

        Func<int, Func<Task>> AppendsTo(string streamPrefix)
        {
            var versions = new long[sizes.MaxConcurrency];
            return slot => async () =>
                versions[slot] = (await journal.AppendAsync($"{streamPrefix}/{slot}", versions[slot], [Event], idempotencyKey: null, CancellationToken.None)).Version;
        }

        var (result, best, steps) = await SaturationRamp.MeasureAsync(Name, sizes.Ramp, sizes, probes, AppendsTo("capacity"));
        // One writer is one stream: each append waits for the one before, as a journaled grain's confirmations do.
        var oneStream = steps.First(step => step.Concurrency == 1);
        result.Extra["streams"] = best.Concurrency;
        result.Extra["events_per_append"] = 1;
        result.Extra["one_stream_per_second"] = Math.Round(oneStream.PerSecond, 1);
        result.Extra["one_stream_p50_ms"] = Math.Round(ApiScenario.Percentile(oneStream.LatenciesMs, 0.50), 3);
        result.Extra["one_stream_p99_ms"] = Math.Round(ApiScenario.Percentile(oneStream.LatenciesMs, 0.99), 3);
        return result;
    }
}
