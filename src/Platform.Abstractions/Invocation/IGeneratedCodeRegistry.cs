namespace Platform.Invocation;

/// <summary>Receives what the code generator emitted for one assembly: proxy factories and grain activators.</summary>
public interface IGeneratedCodeRegistry
{
    void AddProxy<TInterface>(Func<GrainId, IGrainCallRuntime, TInterface> factory)
        where TInterface : class, IAddressable;

    void AddGrain<TGrain>(Func<IServiceProvider, IGrainContext, TGrain> activator)
        where TGrain : Grain;
}
