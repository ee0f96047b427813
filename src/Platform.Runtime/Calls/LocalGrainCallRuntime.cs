using Platform.Invocation;
using Platform.Runtime.Activations;
using Platform.Runtime.Telemetry;

namespace Platform.Runtime.Calls;

/// <summary>Delivers calls made inside a silo: stamps deadline and call chain, then queues on the target activation.</summary>
internal sealed class LocalGrainCallRuntime(SiloRuntime silo) : IGrainCallRuntime
{
    private const int MaxRedirects = 8;

    public IGrainFactory GrainFactory => silo.GrainFactory;

    public void Send(GrainReference target, Request request)
    {
        request.Target = target.GrainId;
        if (!request.IsOneWay)
        {
            // One-way calls leave the chain: nobody waits for them, so they cannot close a deadlock cycle.
            request.Parent = RuntimeContext.Current;
        }

        var now = silo.Time.GetTimestamp();
        var timeout = request.ResponseTimeout ?? GrainCall.CurrentTimeout ?? silo.Options.DefaultCallTimeout;
        request.StartTimestamp = now;
        request.DeadlineTimestamp = now + silo.ToTimestampTicks(timeout);

        var cancellationToken = request.CancellationToken;
        if (cancellationToken.CanBeCanceled && !RegisterCancellation(request, cancellationToken))
        {
            return;
        }

        if (silo.Telemetry.IsTracing)
        {
            silo.Telemetry.StartClientSpan(request);
        }

        Dispatch(target, request);
    }

    /// <summary>Sends a call that the runtime itself makes, such as a reminder tick: no caller chain, default deadline.</summary>
    public void SendFromRuntime(GrainId target, Request request)
    {
        request.Target = target;
        var now = silo.Time.GetTimestamp();
        request.StartTimestamp = now;
        request.DeadlineTimestamp = now + silo.ToTimestampTicks(silo.Options.DefaultCallTimeout);
        Dispatch(null, request);
    }

    /// <summary>Routes a call that arrived over the wire; its deadline and responder are already set.</summary>
    public void DispatchInbound(Request request) => Dispatch(null, request);

    /// <summary>Routes a call again after the activation it waited for went away.</summary>
    public void Redispatch(Request request)
    {
        request.ExecutionState = RequestExecutionState.Queued;
        request.Host = null;
        Dispatch(null, request);
    }

    /// <summary>Ends the call's cancellation registration and spans, once the call has finished or was dropped.</summary>
    public void ReleaseExtras(Request request, Exception? failure = null)
    {
        if (request.Extras is RequestExtras extras)
        {
            request.Extras = null;
            extras.Cancellation.Dispose();
            RuntimeTelemetry.StopSpans(extras, failure);
        }
    }

    private void Dispatch(GrainReference? reference, Request request)
    {
        // A valid cached local activation means this silo owned the grain when it was last routed; rebalancing
        // deactivates what a view change moves away, which clears such caches.
        if (silo.Cluster is { } cluster && reference?.CachedRoute is not Activation { IsValid: true })
        {
            if (cluster.IsFenced)
            {
                Reject(request, new SiloUnavailableException($"Silo {cluster.Self} was declared dead by the cluster and stopped serving.", mayHaveRun: false));
                return;
            }

            try
            {
                if (cluster.TryRouteRemote(request))
                {
                    return;
                }
            }
            catch (SiloUnavailableException exception)
            {
                Reject(request, exception);
                return;
            }
        }

        for (var attempt = 0; attempt < MaxRedirects; attempt++)
        {
            Activation activation;
            if (reference?.CachedRoute is Activation cached && cached.IsValid)
            {
                activation = cached;
            }
            else
            {
                try
                {
                    activation = silo.Catalog.GetOrCreate(request.Target);
                }
                catch (Exception exception)
                {
                    Reject(request, exception);
                    return;
                }

                if (reference is not null && !activation.Class.IsStatelessWorker)
                {
                    reference.CachedRoute = activation;
                }
            }

            try
            {
                activation.Class.Supervisor.ThrowIfQuarantined();
            }
            catch (GrainQuarantinedException exception)
            {
                Reject(request, exception);
                return;
            }

            switch (activation.Enqueue(request, out var rejection))
            {
                case EnqueueOutcome.Queued:
                    return;
                case EnqueueOutcome.Rejected:
                    Reject(request, rejection!);
                    return;
                default:
                    if (reference is not null)
                    {
                        reference.CachedRoute = null;
                    }

                    break;
            }
        }

        Reject(request, new PlatformException(
            $"Call {request.InterfaceName}.{request.MethodName} to {request.Target} could not be delivered: its activation was replaced {MaxRedirects} times in a row."));
    }

    private void Reject(Request request, Exception exception)
    {
        request.ExecutionState = RequestExecutionState.Dropped;
        request.TryFailCaller(exception);
        silo.Telemetry.OnCallRejected(request, exception);
        ReleaseExtras(request, exception);
    }

    private static bool RegisterCancellation(Request request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            request.ExecutionState = RequestExecutionState.Dropped;
            request.TryFailCaller(new OperationCanceledException(
                $"Call {request.InterfaceName}.{request.MethodName} to {request.Target} was cancelled before it was sent.", cancellationToken));
            return false;
        }

        var extras = new RequestExtras();
        request.Extras = extras;

        extras.Cancellation = cancellationToken.UnsafeRegister(static (state, token) => RequestExtras.Cancel((Request)state!, token), request);
        return true;
    }
}
