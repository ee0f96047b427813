using Orleans.Runtime;

namespace Platform.Orleans.Deadlocks;

/// <summary>Removes the call chain from <see cref="RequestContext"/> until disposed; see <see cref="CallChainDetection.DetachCallChain"/>.</summary>
public readonly struct DetachedCallChainScope : IDisposable
{
    private readonly object? _detached;

    internal DetachedCallChainScope(object? detached)
    {
        _detached = detached;
        if (detached is not null)
        {
            RequestContext.Remove(CallChainDetection.RequestContextKey);
        }
    }

    public void Dispose()
    {
        if (_detached is not null)
        {
            RequestContext.Set(CallChainDetection.RequestContextKey, _detached);
        }
    }
}
