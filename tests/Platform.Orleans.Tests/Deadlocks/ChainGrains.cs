using Orleans.Concurrency;
using Orleans.Placement;

namespace Platform.Orleans.Tests.Deadlocks;

// Three grain types that share ChainGrainBase and differ only in their concurrency attributes.
// Random placement so the tests find grains on both silos; the default prefers the silo that places the grain.
[GrainType("chain")]
[RandomPlacementAttribute]
public sealed class ChainGrain(IGrainFactory grains) : ChainGrainBase(grains);

[GrainType("reentrant-chain")]
[Reentrant]
public sealed class ReentrantChainGrain(IGrainFactory grains) : ChainGrainBase(grains);

[GrainType("worker-chain")]
[StatelessWorker]
public sealed class WorkerChainGrain(IGrainFactory grains) : ChainGrainBase(grains);
