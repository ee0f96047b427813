using Platform.Invocation;
using Platform.Runtime.Activations;
using Platform.Runtime.Metadata;
using Platform.Serialization;

namespace Platform.Runtime.Calls;

/// <summary>Hands out proxies for grains in this silo and wraps local objects as observers.</summary>
internal sealed class GrainFactory(GrainTypeRegistry registry, IGrainCallRuntime runtime, Catalog catalog, SiloRuntime silo) : IGrainFactory, IWireReferenceResolver
{
    public T GetReference<T>(GrainId grainId)
        where T : class => (T)registry.GetProxyFactory(typeof(T))(grainId, runtime);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return Create<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey
    {
        var binding = registry.GetGrainBinding(typeof(TGrainInterface));
        return (TGrainInterface)binding.CreateProxy(GrainId.Create(binding.GrainType!, primaryKey), runtime);
    }

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey
    {
        var binding = registry.GetGrainBinding(typeof(TGrainInterface));
        return (TGrainInterface)binding.CreateProxy(GrainId.Create(binding.GrainType!, primaryKey), runtime);
    }

    public TObserver CreateObjectReference<TObserver>(TObserver observer)
        where TObserver : class, IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (observer is GrainReference)
        {
            throw new ArgumentException("The object is already a reference; pass the local observer object itself.", nameof(observer));
        }

        var proxy = registry.GetProxyFactory(typeof(TObserver));
        // Clustered silos prefix the key with their address, so that a grain on another silo can call back here.
        var grainId = new GrainId(GrainTypeRegistry.ObserverGrainType, silo.Cluster?.ObserverPrefix + Guid.NewGuid().ToString("N"));
        catalog.AddObserver(new Activation(silo, registry.ObserverClass, grainId, observer));
        return (TObserver)proxy(grainId, runtime);
    }

    public void DeleteObjectReference<TObserver>(TObserver reference)
        where TObserver : class, IGrainObserver
    {
        if (reference is not GrainReference { GrainId.Type: GrainTypeRegistry.ObserverGrainType } observerReference)
        {
            throw new ArgumentException("Pass the reference returned by CreateObjectReference.", nameof(reference));
        }

        if (catalog.TryGet(observerReference.GrainId, out var activation))
        {
            activation.BeginDeactivation(DeactivationReason.ApplicationRequested, graceful: false, failQueuedWith: null);
        }
    }

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var binding = registry.GetGrainBinding(typeof(TGrainInterface));
        return (TGrainInterface)binding.CreateProxy(new GrainId(binding.GrainType!, key), runtime);
    }
}
