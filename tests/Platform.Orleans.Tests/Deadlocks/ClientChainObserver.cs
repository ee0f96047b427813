namespace Platform.Orleans.Tests.Deadlocks;

/// <summary>Visits the path's first grain from the client, as a client's hub or UI observer would.</summary>
public sealed class ClientChainObserver(IGrainFactory grains) : IChainObserver
{
    public async Task<string> OnVisit(string[] path)
    {
        var parts = path[0].Split(':');
        return $"observer>{await grains.GetGrain<IChainGrain>(GrainId.Create(parts[0], parts[1])).Visit(path[1..])}";
    }
}
