using Platform.Invocation;
using Platform.Runtime.Calls;
using Platform.Runtime.Metadata;

namespace Platform.Client;

/// <summary>Grain references and the path of a call out of the client.</summary>
public sealed partial class ClusterClient : IGrainCallRuntime
{
    IGrainFactory IGrainCallRuntime.GrainFactory => this;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return Bind<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey => Bind<TGrainInterface>(primaryKey.ToString("N"));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey => Bind<TGrainInterface>(primaryKey.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public TObserver CreateObjectReference<TObserver>(TObserver observer)
        where TObserver : class, IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (observer is GrainReference)
        {
            throw new ArgumentException("The object is already a reference; pass the local observer object itself.", nameof(observer));
        }

        var grainId = new GrainId(GrainTypeRegistry.ObserverGrainType, $"client:{ClientId}/{Guid.NewGuid():N}");
        _observers[grainId] = observer;
        return (TObserver)_registry.GetProxyFactory(typeof(TObserver))(grainId, this);
    }

    public void DeleteObjectReference<TObserver>(TObserver reference)
        where TObserver : class, IGrainObserver
    {
        if (reference is not GrainReference { GrainId.Type: GrainTypeRegistry.ObserverGrainType } observer || !_observers.TryRemove(observer.GrainId, out _))
        {
            throw new ArgumentException("Pass a reference returned by this client's CreateObjectReference.", nameof(reference));
        }
    }

    void IGrainCallRuntime.Send(GrainReference target, Request request)
    {
        request.Target = target.GrainId;
        var now = Time.GetTimestamp();
        var timeout = request.ResponseTimeout ?? GrainCall.CurrentTimeout ?? _options.DefaultCallTimeout;
        request.StartTimestamp = now;
        request.DeadlineTimestamp = now + (long)(timeout.TotalSeconds * Time.TimestampFrequency);

        var cancellationToken = request.CancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                request.TryFailCaller(new OperationCanceledException($"Call {request.InterfaceName}.{request.MethodName} to {request.Target} was cancelled before it was sent.", cancellationToken));
                return;
            }

            request.Extras = new RequestExtras
            {
                Cancellation = cancellationToken.UnsafeRegister(static (state, token) => RequestExtras.Cancel((Request)state!, token), request),
            };
        }

        // The caller's span (an HTTP request's, say) travels with the call, so the grain's spans join its trace.
        if (System.Diagnostics.Activity.Current is { } current)
        {
            var extras = request.Extras as RequestExtras ?? new RequestExtras();
            extras.RemoteParent = current.Context;
            request.Extras = extras;
        }

        Route(request);
    }

    /// <summary>Sends the call to its grain's owner in the newest view; also used again for calls that could not be sent.</summary>
    private void Route(Request request)
    {
        var placement = _placement;
        if (placement.IsEmpty)
        {
            var failure = new SiloUnavailableException(
                $"Call {request.InterfaceName}.{request.MethodName} to {request.Target} failed: the client has no cluster view yet; call ConnectAsync first.", mayHaveRun: false);
            request.TryFailCaller(failure);
            OnOutboundCallFinished(request, failure);
            return;
        }

        // An observer target is hashed like a grain; the silo it lands on routes it on by the host in its key.
        LinkTo(placement.Owner(request.Target)).Send(request);
    }

    private TGrainInterface Bind<TGrainInterface>(string key)
    {
        var binding = _registry.GetGrainBinding(typeof(TGrainInterface));
        return (TGrainInterface)binding.CreateProxy(new GrainId(binding.GrainType!, key), this);
    }
}
