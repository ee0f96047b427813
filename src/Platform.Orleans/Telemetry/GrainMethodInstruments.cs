using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Platform.Orleans.Telemetry;

/// <summary>Latency and failures per grain type and method, on the <see cref="PlatformOrleansMeter"/> meter.</summary>
internal sealed class GrainMethodInstruments
{
    public const string DurationName = "platform.grain.method.duration";
    public const string FailuresName = "platform.grain.method.failures";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;

    // The tag values of a (grain type, method) pair, built once: GrainType.ToString() allocates on every call.
    private readonly ConcurrentDictionary<(GrainType, MethodInfo), MethodTags> _tags = new();

    public GrainMethodInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PlatformOrleansMeter.Name);
        _duration = meter.CreateHistogram<double>(
            DurationName,
            "s",
            "Time a grain method took on its silo, from the start of its turn to its end, by grain type and method.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _failures = meter.CreateCounter<long>(FailuresName, "{call}", "Grain methods that threw, by grain type, method and exception type.");
    }

    public bool Enabled => _duration.Enabled || _failures.Enabled;

    public void Record(IIncomingGrainCallContext context, TimeSpan elapsed, Exception? failure)
    {
        var tags = _tags.GetOrAdd((context.TargetId.Type, context.InterfaceMethod), static key => new MethodTags(key.Item1, key.Item2));
        var list = new TagList
        {
            { "grain.type", tags.GrainType },
            { "rpc.service", tags.Service },
            { "rpc.method", tags.Method },
        };
        _duration.Record(elapsed.TotalSeconds, list);
        if (failure is not null)
        {
            list.Add("exception.type", failure.GetType().FullName);
            _failures.Add(1, list);
        }
    }

    private sealed class MethodTags(GrainType grainType, MethodInfo method)
    {
        public string GrainType { get; } = grainType.ToString()!;

        public string Service { get; } = method.DeclaringType?.Name ?? "";

        public string Method { get; } = method.Name;
    }
}
