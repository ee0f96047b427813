namespace Platform.Orleans.Deadlocks;

/// <summary>
/// The call chain of the turn a non-reentrant activation is running, kept on the activation (a grain context component).
/// Such an activation runs one request at a time, so its chain needs no <see cref="AsyncLocal{T}"/>: a non-default
/// execution context makes Orleans allocate on every await of the turn (captured contexts on its scheduler's tasks).
/// The turn's hop is built only when the turn makes a call: most turns make none.
/// </summary>
internal sealed class CallChainSlot(GrainId grain)
{
    private CallChain? _caller;
    private string _method = "";
    private CallChain? _turn;
    private bool _isSet;

    public static CallChainSlot Of(IGrainContext activation)
    {
        if (activation.GetComponent<CallChainSlot>() is { } slot)
        {
            return slot;
        }

        slot = new CallChainSlot(activation.GrainId);
        activation.SetComponent(slot);
        return slot;
    }

    /// <summary>A new turn starts, waited on by <paramref name="caller"/> (null when nothing waits on it).</summary>
    public void Enter(CallChain? caller, string method)
    {
        _caller = caller;
        _method = method;
        _turn = null;
        _isSet = true;
    }

    /// <summary>A turn that starts no chain (a timer tick) runs now.</summary>
    public void Clear()
    {
        _caller = null;
        _turn = null;
        _isSet = false;
    }

    /// <summary>The running turn's chain, this activation's hop on top.</summary>
    public CallChain? Current => _isSet ? _turn ??= new CallChain(_caller, grain, _method, isReadOnly: false, isInterleaving: false, Guid.Empty) : null;
}
