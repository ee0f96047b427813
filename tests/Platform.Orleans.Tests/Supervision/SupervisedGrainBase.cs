using Orleans.Runtime;

namespace Platform.Orleans.Tests.Supervision;

/// <summary>Everything the supervised test grains do; the classes in SupervisedGrains.cs differ only in their supervision attributes.</summary>
public abstract class SupervisedGrainBase([PersistentState("supervised-state")] IPersistentState<SupervisedState> state) : Grain, ISupervisedGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private int _unsaved;

    public Task<Guid> GetActivationId() => Task.FromResult(_activationId);

    public Task<int> GetSaved() => Task.FromResult(state.State.Value);

    public Task<int> GetUnsaved() => Task.FromResult(_unsaved);

    public async Task Save(int value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task SetUnsaved(int value)
    {
        _unsaved = value;
        return Task.CompletedTask;
    }

    public Task Fail(string kind) => throw (kind switch
    {
        "business" => new InvalidOperationException($"business rule violated: {kind}"),
        "argument" => new ArgumentException("bad argument"),
        "restart" => new CorruptStateException("in-memory state is corrupt"),
        "stop" => new StopRequestedException("stop me"),
        "escalate" => (Exception)new EscalationException("the whole type is suspect"),
        _ => new NotSupportedException(kind),
    });
}
