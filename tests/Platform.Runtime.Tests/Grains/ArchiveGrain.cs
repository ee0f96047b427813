using Platform.Persistence;

namespace Platform.Runtime.Tests.Grains;

public interface IArchiveGrain : IGrainWithStringKey
{
    Task<bool> Ping();
}

/// <summary>Asks for a storage provider that no test registers.</summary>
internal sealed class ArchiveGrain([PersistentState("archive", "archive-storage")] IPersistentState<CounterState> state) : Grain, IArchiveGrain
{
    public Task<bool> Ping() => Task.FromResult(state.RecordExists);
}
