using Platform.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Runtime.Telemetry;
using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests;

[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Each_call_records_its_latency_per_grain_type_and_method()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var durations = new ConcurrentBag<(double Seconds, string? GrainType, string? Method)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeTelemetry.Name && instrument.Name == "platform.grain.call.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? grainType = null, method = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "grain.type") grainType = tag.Value as string;
                if (tag.Key == "rpc.method") method = tag.Value as string;
            }

            durations.Add((value, grainType, method));
        });
        listener.Start();

        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("measured");
        await grain.Add(1);
        await grain.Get();

        durations.Where(d => d.GrainType == "counter" && d.Method == "Add").ShouldHaveSingleItem().Seconds.ShouldBeGreaterThan(0);
        durations.Count(d => d.GrainType == "counter" && d.Method == "Get").ShouldBe(1);
    }

    [Fact]
    public async Task Traces_cross_grain_calls_as_parent_and_child_spans()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var result = await cluster.GrainFactory.GetGrain<ITraceGrain>("outer").Outer("inner");

        var parts = result.Split('|');
        var innerParts = parts[1].Split(':');
        innerParts[0].ShouldBe(parts[0], "the inner grain runs in the same trace");
        await Eventually.Until(() => spans.Count >= 4, "client and server spans of both calls stopped");
        var outerServer = spans.Single(s => s.Kind == ActivityKind.Server && s.GetTagItem("grain.id") as string == "trace/outer");
        var innerClient = spans.Single(s => s.Kind == ActivityKind.Client && s.GetTagItem("grain.id") as string == "trace/inner");
        innerClient.ParentSpanId.ShouldBe(outerServer.SpanId);
        innerParts[1].ShouldBe(innerClient.SpanId.ToHexString());
    }

    [Fact]
    public async Task Restarts_are_counted_with_their_directive()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var restarts = new ConcurrentBag<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeTelemetry.Name && instrument.Name == "platform.grain.restarts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "directive") restarts.Add(tag.Value as string);
            }
        });
        listener.Start();

        await Should.ThrowAsync<CorruptStateException>(() => cluster.GrainFactory.GetGrain<ICounterGrain>("m").Fail("restart"));

        restarts.ShouldBe(["Restart"]);
    }

    [Fact]
    public async Task The_sweep_publishes_mailbox_depth_per_grain_type()
    {
        var (cluster, probe) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ISlowGrain>("deep");
        var blocker = grain.Wait("gate");
        await Eventually.Until(() => probe.Count("waiting:deep") == 1, "the first call is running");
        var queued = Enumerable.Range(0, 3).Select(_ => grain.CountCalls()).ToArray();
        var depths = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeTelemetry.Name && instrument.Name == "platform.grain.mailbox.depth")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grain.type") depths[(string)tag.Value!] = value;
            }
        });
        listener.Start();

        cluster.PrimarySilo.SweepNow();
        listener.RecordObservableInstruments();

        depths["slow"].ShouldBe(3);
        probe.Open("gate");
        await Task.WhenAll(queued.Append(blocker));
    }
}
