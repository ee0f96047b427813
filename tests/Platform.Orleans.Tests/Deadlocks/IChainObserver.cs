namespace Platform.Orleans.Tests.Deadlocks;

/// <summary>An observer on the client that grains call back, and that calls grains in turn.</summary>
public interface IChainObserver : IGrainObserver
{
    Task<string> OnVisit(string[] path);
}
