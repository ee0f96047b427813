using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Orleans.Telemetry;

namespace Platform.Orleans.Tests.Telemetry;

public sealed class GrainMethodMetricsTests(MetricsCluster cluster) : IClassFixture<MetricsCluster>
{
    [Fact]
    public async Task Each_call_records_its_duration_by_grain_type_and_method()
    {
        var durations = new ConcurrentQueue<(double Seconds, string? Service, string? Method)>();
        using var listener = Listen<double>(GrainMethodInstruments.DurationName, (value, tags) =>
        {
            if (Tag(tags, "grain.type") == "measured")
            {
                durations.Enqueue((value, Tag(tags, "rpc.service"), Tag(tags, "rpc.method")));
            }
        });
        var grain = cluster.Grains.GetGrain<IMeasuredGrain>("duration");

        await grain.Ping();
        await grain.Ping();
        await Should.ThrowAsync<TimeoutException>(() => grain.Fail());

        durations.Count(d => d.Service == "IMeasuredGrain" && d.Method == "Ping").ShouldBe(2);
        durations.Count(d => d.Service == "IMeasuredGrain" && d.Method == "Fail").ShouldBe(1, "failed calls have a duration too");
        durations.ShouldAllBe(d => d.Seconds > 0 && d.Seconds < 10);
    }

    [Fact]
    public async Task Failures_are_counted_with_their_exception_type()
    {
        var failures = new ConcurrentQueue<(string? Method, string? ExceptionType)>();
        using var listener = Listen<long>(GrainMethodInstruments.FailuresName, (_, tags) =>
        {
            if (Tag(tags, "grain.type") == "measured")
            {
                failures.Enqueue((Tag(tags, "rpc.method"), Tag(tags, "exception.type")));
            }
        });
        var grain = cluster.Grains.GetGrain<IMeasuredGrain>("failures");

        await grain.Ping();
        await Should.ThrowAsync<TimeoutException>(() => grain.Fail());

        failures.ShouldBe([("Fail", "System.TimeoutException")]);
    }

    [Fact]
    public async Task Grain_call_spans_are_switched_on()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        var name = await cluster.Grains.GetGrain<IMeasuredGrain>("traced").CurrentActivityName();

        name.ShouldNotBeNull("the grain method runs inside the server span of its call");
    }

    private static MeterListener Listen<T>(string instrumentName, Action<T, ReadOnlySpan<KeyValuePair<string, object?>>> onMeasurement)
        where T : struct
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PlatformOrleansMeter.Name && instrument.Name == instrumentName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<T>((_, value, tags, _) => onMeasurement(value, tags));
        listener.Start();
        return listener;
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
