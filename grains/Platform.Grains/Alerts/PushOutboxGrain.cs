using Platform.Grains.Storage;
using Platform.Grains.Tenancy;

namespace Platform.Grains.Alerts;

// Type and state name fixed so that renaming the class keeps stored outboxes; "push-outbox" is unique across grain types
// because the ADO.NET storage key leaves the grain type out.
[GrainType("push-outbox")]
internal sealed class PushOutboxGrain([PersistentState("push-outbox")] IPersistentState<PushOutboxState> state) : Grain, IPushOutboxGrain
{
    public async Task Add(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _ = TenantKey.Parse(this.GetPrimaryKeyString());
        var pushed = state.State.Pushed;
        if (pushed.Any(kept => kept.Sequence == alert.Sequence))
        {
            return;
        }

        // An array, not a collection expression: the JSON grain storage only reads types it allows.
        var next = pushed.Append(alert).OrderBy(kept => kept.Sequence).ToArray();
        await state.SaveOrKeepAsync(state.State with { Pushed = next[Math.Max(0, next.Length - IPushOutboxGrain.Capacity)..] });
    }

    public Task<IReadOnlyList<Alert>> Latest() => Task.FromResult(state.State.Pushed);
}
