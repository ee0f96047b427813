namespace Platform.Invocation;

/// <summary>Delivers requests made through generated proxies; implemented by the silo and, later, by the client.</summary>
public interface IGrainCallRuntime
{
    IGrainFactory GrainFactory { get; }

    /// <summary>Routes <paramref name="request"/> to the grain behind <paramref name="target"/>; failures complete the request's task.</summary>
    void Send(GrainReference target, Request request);
}
