using System.Diagnostics;

namespace Platform.Orleans.Telemetry;

/// <summary>Measures every grain method on the silo that runs it (Orleans' own latency metric has no method tag).</summary>
internal sealed class GrainMethodMetricsFilter(GrainMethodInstruments instruments) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) =>
        instruments.Enabled ? InvokeMeasured(context) : context.Invoke();

    // Latency is real elapsed time (Stopwatch), never the injected TimeProvider a test may have frozen.
    private async Task InvokeMeasured(IIncomingGrainCallContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        catch (Exception failure)
        {
            instruments.Record(context, Stopwatch.GetElapsedTime(start), failure);
            throw;
        }

        instruments.Record(context, Stopwatch.GetElapsedTime(start), failure: null);
    }
}
