using Platform.Orleans.Supervision;

namespace Platform.Orleans.Tests.Supervision;

// Three grain types that share SupervisedGrainBase and differ only in their supervision attributes.
[GrainType("supervised")]
[OnFailure(typeof(InvalidOperationException), SupervisionDirective.Resume)]
[OnFailure(typeof(CorruptStateException), SupervisionDirective.Restart)]
[OnFailure(typeof(StopRequestedException), SupervisionDirective.Stop)]
[OnFailure(typeof(EscalationException), SupervisionDirective.Escalate)]
[RestartIntensity(1000, 60)]
public sealed class SupervisedGrain([PersistentState("supervised-state")] IPersistentState<SupervisedState> state) : SupervisedGrainBase(state);

[GrainType("quarantine-test")]
[OnFailure(typeof(CorruptStateException), SupervisionDirective.Restart)]
[RestartIntensity(2, 60)]
public sealed class QuarantineGrain([PersistentState("quarantine-state")] IPersistentState<SupervisedState> state) : SupervisedGrainBase(state);

[GrainType("window-test")]
[OnFailure(typeof(CorruptStateException), SupervisionDirective.Restart)]
[RestartIntensity(2, 60)]
public sealed class WindowGrain([PersistentState("window-state")] IPersistentState<SupervisedState> state) : SupervisedGrainBase(state);
