using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Invocation;
using Platform.Runtime.Calls;

namespace Platform.Runtime.Telemetry;

/// <summary>
/// Spans and metrics of the runtime, on the in-box <see cref="ActivitySource"/> and <see cref="Meter"/> named
/// <see cref="Name"/>. Every instrument is checked for listeners first, so an unobserved silo pays almost nothing.
/// </summary>
public sealed class RuntimeTelemetry : IDisposable
{
    public const string Name = "Platform.Runtime";

    private readonly ActivitySource _source = new(Name);
    private readonly Meter _meter;
    private readonly TimeProvider _time;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _restarts;
    private readonly Counter<long> _quarantines;
    private readonly UpDownCounter<long> _activations;
    private readonly Histogram<double> _duration;
    private ConcurrentDictionary<string, long> _mailboxDepth = new();

    public RuntimeTelemetry(TimeProvider time, IMeterFactory? meterFactory = null)
    {
        _time = time;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _calls = _meter.CreateCounter<long>("platform.grain.calls", "{call}", "Grain calls that finished, by grain type, interface, method and outcome.");
        _failures = _meter.CreateCounter<long>("platform.grain.call.failures", "{call}", "Grain calls that failed in grain code, by exception type.");
        _timeouts = _meter.CreateCounter<long>("platform.grain.call.timeouts", "{call}", "Grain calls that passed their deadline.");
        _rejections = _meter.CreateCounter<long>("platform.grain.call.rejections", "{call}", "Grain calls refused before they ran (deadlock, full mailbox, quarantine).");
        _restarts = _meter.CreateCounter<long>("platform.grain.restarts", "{restart}", "Activations restarted, stopped or escalated by their supervisor.");
        _quarantines = _meter.CreateCounter<long>("platform.grain.quarantines", "{quarantine}", "Grain types quarantined after exceeding their restart intensity.");
        _activations = _meter.CreateUpDownCounter<long>("platform.grain.activations", "{activation}", "Live activations by grain type.");
        _duration = _meter.CreateHistogram<double>(
            "platform.grain.call.duration",
            "s",
            "Time from sending a grain call to its completion, by grain type, interface and method.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30] });
        _meter.CreateObservableGauge("platform.grain.mailbox.depth", ObserveMailboxDepth, "{call}", "Calls waiting in mailboxes at the last sweep, by grain type.");
    }

    internal bool IsTracing => _source.HasListeners();

    internal void OnActivated(string grainType) => _activations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void OnDeactivated(string grainType) => _activations.Add(-1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void OnCallFinished(string grainType, Request request, Exception? failure)
    {
        if (_duration.Enabled)
        {
            var elapsed = _time.GetElapsedTime(request.StartTimestamp).TotalSeconds;
            _duration.Record(elapsed, Tags(grainType, request));
        }

        if (_calls.Enabled)
        {
            var tags = Tags(grainType, request);
            tags.Add("outcome", failure is null ? "ok" : "error");
            _calls.Add(1, tags);
        }

        if (failure is not null && _failures.Enabled)
        {
            var tags = Tags(grainType, request);
            tags.Add("exception.type", failure.GetType().FullName);
            _failures.Add(1, tags);
        }
    }

    internal void OnCallTimedOut(string grainType, Request request)
    {
        if (_timeouts.Enabled)
        {
            _timeouts.Add(1, Tags(grainType, request));
        }
    }

    internal void OnCallRejected(Request request, Exception reason)
    {
        if (_rejections.Enabled)
        {
            _rejections.Add(
                1,
                new KeyValuePair<string, object?>("grain.type", request.Target.Type),
                new KeyValuePair<string, object?>("rpc.method", request.MethodName),
                new KeyValuePair<string, object?>("reason", reason.GetType().Name));
        }
    }

    internal void OnRestart(string grainType, SupervisionDirective directive) =>
        _restarts.Add(1, new KeyValuePair<string, object?>("grain.type", grainType), new KeyValuePair<string, object?>("directive", directive.ToString()));

    internal void OnQuarantine(string grainType) => _quarantines.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void PublishMailboxDepth(ConcurrentDictionary<string, long> depthByGrainType) => _mailboxDepth = depthByGrainType;

    /// <summary>Opens the caller's span; the caller's own current span stays current for the code that follows.</summary>
    internal void StartClientSpan(Request request)
    {
        var previous = Activity.Current;
        var activity = _source.StartActivity($"{request.InterfaceName}/{request.MethodName}", ActivityKind.Client);
        Activity.Current = previous;
        if (activity is null)
        {
            return;
        }

        activity.SetTag("rpc.system", "platform");
        activity.SetTag("rpc.service", request.InterfaceName);
        activity.SetTag("rpc.method", request.MethodName);
        activity.SetTag("grain.id", request.Target.ToString());
        var extras = request.Extras as RequestExtras ?? new RequestExtras();
        extras.ClientActivity = activity;
        request.Extras = extras;
    }

    /// <summary>Runs a request inside a server span whose parent is the caller's span, so traces cross grain calls.</summary>
    internal void ExecuteTraced(Request request, object target, IRequestObserver observer)
    {
        var extras = request.Extras as RequestExtras;
        var parent = extras?.TraceParent ?? default;
        var previous = Activity.Current;
        var server = _source.StartActivity($"{request.InterfaceName}/{request.MethodName}", ActivityKind.Server, parent);
        if (server is not null)
        {
            server.SetTag("grain.id", request.Target.ToString());
            extras ??= new RequestExtras();
            extras.ServerActivity = server;
            request.Extras = extras;
        }

        try
        {
            request.Execute(target, observer);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    internal static void StopSpans(RequestExtras extras, Exception? failure)
    {
        Stop(extras.ServerActivity, failure);
        Stop(extras.ClientActivity, failure);
        extras.ServerActivity = null;
        extras.ClientActivity = null;
    }

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }

    private static void Stop(Activity? activity, Exception? failure)
    {
        if (activity is null)
        {
            return;
        }

        if (failure is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, failure.Message);
            activity.SetTag("exception.type", failure.GetType().FullName);
        }

        activity.Stop();
    }

    private static TagList Tags(string grainType, Request request) => new()
    {
        { "grain.type", grainType },
        { "rpc.service", request.InterfaceName },
        { "rpc.method", request.MethodName },
    };

    private IEnumerable<Measurement<long>> ObserveMailboxDepth()
    {
        foreach (var (grainType, depth) in _mailboxDepth)
        {
            yield return new Measurement<long>(depth, new KeyValuePair<string, object?>("grain.type", grainType));
        }
    }
}
