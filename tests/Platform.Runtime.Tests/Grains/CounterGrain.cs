using Platform.Persistence;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    Task SetUnsaved(int value);

    [ReadOnly]
    Task<int> Get();

    [ReadOnly]
    Task<Guid> GetActivationId();

    Task Fail(string kind);

    Task Save();

    Task Clear();

    Task<string?> GetEtag();

    Task RegisterReminderWithoutRemindable();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

public sealed class CorruptStateException(string message) : Exception(message);

public sealed class StopRequestedException(string message) : Exception(message);

public sealed class EscalationException(string message) : Exception(message);

[OnFailure(typeof(CorruptStateException), SupervisionDirective.Restart)]
[OnFailure(typeof(StopRequestedException), SupervisionDirective.Stop)]
[OnFailure(typeof(EscalationException), SupervisionDirective.Escalate)]
[RestartIntensity(3, 60, QuarantineSeconds = 30)]
internal sealed class CounterGrain(TestProbe probe, [PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"activated:{GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivated:{GetPrimaryKeyString()}:{reason}");
        return Task.CompletedTask;
    }

    public async Task<int> Add(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task SetUnsaved(int value)
    {
        state.State.Value = value;
        return Task.CompletedTask;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<Guid> GetActivationId() => Task.FromResult(_activationId);

    public Task Fail(string kind) => kind switch
    {
        "restart" => throw new CorruptStateException("in-memory state is corrupt"),
        "stop" => throw new StopRequestedException("stop me"),
        "escalate" => throw new EscalationException("the whole type is suspect"),
        _ => throw new InvalidOperationException($"business rule violated: {kind}"),
    };

    public Task Save() => state.WriteStateAsync();

    public Task Clear() => state.ClearStateAsync();

    public Task<string?> GetEtag() => Task.FromResult(state.Etag);

    public Task RegisterReminderWithoutRemindable() => RegisterOrUpdateReminder("never", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
}
