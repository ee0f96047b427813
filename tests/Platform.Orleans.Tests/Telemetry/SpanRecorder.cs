using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Diagnostics;

namespace Platform.Orleans.Tests.Telemetry;

/// <summary>Records the stopped spans of Orleans' application source that belong to one trace the test starts.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("Platform.Orleans.Tests");
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _spans = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ActivitySources.ApplicationGrainActivitySourceName or "Platform.Orleans.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.Source.Name == ActivitySources.ApplicationGrainActivitySourceName)
                {
                    _spans.Enqueue(span);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Runs <paramref name="calls"/> inside a trace of its own and returns that trace's grain call spans.</summary>
    public async Task<IReadOnlyList<Activity>> TraceAsync(Func<Task> calls)
    {
        ActivityTraceId trace;
        using (var root = TestSource.StartActivity("test")!)
        {
            trace = root.TraceId;
            await calls();
        }

        return [.. _spans.Where(span => span.TraceId == trace)];
    }

    public void Dispose() => _listener.Dispose();
}
