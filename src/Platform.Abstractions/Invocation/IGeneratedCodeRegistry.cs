namespace Platform.Invocation;

/// <summary>Receives what the code generator emitted for one assembly: proxy factories, request readers and grain activators.</summary>
public interface IGeneratedCodeRegistry
{
    void AddProxy<TInterface>(Func<GrainId, IGrainCallRuntime, TInterface> factory)
        where TInterface : class, IAddressable;

    /// <summary>Registers how to read a call to method <paramref name="methodId"/> from the wire.</summary>
    void AddRequest(uint methodId, string methodName, RequestReader reader);

    void AddGrain<TGrain>(Func<IServiceProvider, IGrainContext, TGrain> activator)
        where TGrain : Grain;
}
