using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Diagnostics;
using Orleans.Serialization.Invocation;

namespace Platform.Orleans.Telemetry;

/// <summary>
/// Orleans' grain call spans (a client span per call, a server span per turn, linked through <c>traceparent</c> in the
/// request context), made by the platform's own call stages instead of Orleans' activity propagation filters: any
/// outgoing grain call filter takes every call off Orleans' direct send path. The spans keep Orleans' source names, span
/// names and tags, so dashboards and samplers set up for Orleans see the same thing. Why: docs/decisions/0007.
/// </summary>
/// <remarks>
/// Off when the host also added Orleans' <c>AddActivityPropagation()</c>, whose filters then make the spans: one span per
/// call, never two.
/// </remarks>
internal sealed class GrainCallTracing(DistributedContextPropagator propagator, IServiceProvider services)
{
    // Orleans' filter class is internal; its name is how to tell whether the host added Orleans' propagation too.
    internal const string OrleansOutgoingFilterName = "ActivityPropagationOutgoingGrainCallFilter";

    private static readonly ActivitySource Application = new(ActivitySources.ApplicationGrainActivitySourceName);
    private static readonly ActivitySource Runtime = new(ActivitySources.RuntimeActivitySourceName);
    private static readonly ActivitySource Lifecycle = new(ActivitySources.LifecycleActivitySourceName);
    private static readonly ActivitySource Storage = new(ActivitySources.StorageActivitySourceName);

    // Looked up on first use: an outgoing filter may itself depend on the grain factory, and so on the platform's stage.
    private readonly Lazy<bool> _enabled = new(() =>
        !services.GetServices<IOutgoingGrainCallFilter>().Any(filter => filter.GetType().Name == OrleansOutgoingFilterName));

    public bool Enabled => _enabled.Value;

    /// <summary>
    /// Whether any listener takes Orleans' grain call spans now. Checked first on every call: with nobody listening a
    /// call needs no span and no asynchronous stage for one.
    /// </summary>
    public bool IsListenedTo => Enabled && (Application.HasListeners() || Runtime.HasListeners() || Lifecycle.HasListeners() || Storage.HasListeners());

    /// <summary>
    /// The client span of a call about to be sent, null when nobody listens. With <paramref name="propagate"/>, its context
    /// goes into the request context: then call it inside an async method or <see cref="ExecutionContext.Run"/>, whose
    /// execution context ends with it, so the trace parent reaches this call's messages and no other.
    /// </summary>
    public Activity? StartClientSpan(IInvokable request, GrainId target, GrainId? source, bool propagate = true)
    {
        var activity = SourceOf(request).StartActivity(request.GetActivityName(), ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        if (propagate)
        {
            propagator.Inject(activity, null, static (_, key, value) => RequestContext.Set(key, value));
        }

        Describe(activity, request, target, source);
        return activity;
    }

    /// <summary>The server span of a turn, child of the caller's span when the call carried one; null when nobody listens.</summary>
    public Activity? StartServerSpan(IIncomingGrainCallContext context)
    {
        if (!IsListenedTo)
        {
            return null;
        }

        var source = SourceOf(context.Request);
        if (!source.HasListeners())
        {
            return null;
        }

        var name = context.Request.GetActivityName();
        propagator.ExtractTraceIdAndState(null, ReadRequestContext, out var traceParent, out var traceState);
        Activity? activity;
        if (string.IsNullOrEmpty(traceParent))
        {
            activity = source.CreateActivity(name, ActivityKind.Server);
        }
        else
        {
            activity = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent)
                ? source.CreateActivity(name, ActivityKind.Server, parent)
                : source.CreateActivity(name, ActivityKind.Server, traceParent);
            if (activity is not null)
            {
                if (!string.IsNullOrEmpty(traceState))
                {
                    activity.TraceStateString = traceState;
                }

                foreach (var (key, value) in propagator.ExtractBaggage(null, ReadRequestContext) ?? [])
                {
                    activity.AddBaggage(key, value);
                }
            }
        }

        if (activity is null)
        {
            return null;
        }

        activity.Start();
        Describe(activity, context.Request, context.TargetId, context.SourceId);
        return activity;
    }

    /// <summary>Marks the span failed, with the exception tags Orleans sets.</summary>
    public static void RecordFailure(Activity activity, Exception failure)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag("exception.type", failure.GetType().FullName);
        activity.SetTag("exception.message", failure.Message);
        activity.SetTag("exception.stacktrace", failure.ToString());
        activity.SetTag("exception.escaped", true);
    }

    private static void Describe(Activity activity, IInvokable request, GrainId target, GrainId? source)
    {
        var service = request.GetInterfaceName();
        activity.SetTag("rpc.system.name", "orleans");
        activity.SetTag("orleans.rpc.service", service);
        activity.SetTag("rpc.method", $"{service}/{request.GetMethodName()}");
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("orleans.rpc.target_id", target.ToString());
            if (source is { } caller)
            {
                activity.SetTag("orleans.rpc.source_id", caller.ToString());
            }
        }
    }

    /// <summary>The same split of calls between Orleans' sources as its own propagation filters make.</summary>
    private static ActivitySource SourceOf(IInvokable request)
    {
        var type = request.GetInterfaceType();
        return type.Name switch
        {
            "IMemoryStorageGrain" => Storage,
            "IGrainManagementExtension" or "IActivationMigrationManagerSystemTarget" => Lifecycle,
            "IAsyncEnumerableGrainExtension" => Application,
            _ => type.Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true ? Runtime : Application,
        };
    }

    private static void ReadRequestContext(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        values = null;
        value = RequestContext.Get(name) as string;
    }
}
