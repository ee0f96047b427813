namespace Platform.Orleans.Deadlocks;

/// <summary>Detaches the turn's call chain until disposed; see <see cref="CallChainDetection.DetachCallChain"/>.</summary>
public readonly struct DetachedCallChainScope : IDisposable
{
    private readonly CallChain? _previous;

    internal DetachedCallChainScope(CallChain? previous)
    {
        _previous = previous;
        CallChainDetection.Current.Value = CallChain.Detached;
    }

    public void Dispose() => CallChainDetection.Current.Value = _previous;
}
