using Platform.EventSourcing;

namespace Platform.Escrow.Tests;

/// <summary>The embedded default: memory grain storage, the in-memory journal and ledger, the simulated provider.</summary>
public sealed class MemoryEscrowCluster : EscrowCluster
{
    protected override void ConfigureStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorageAsDefault().AddMemoryGrainStorage("PubSubStore").AddMemoryEventJournal();
}
