using Orleans.TestingHost;

namespace Platform.EventSourcing.Tests;

/// <summary>An xunit fixture: one in-process silo with the in-memory journal, shared by a test class.</summary>
public sealed class MemoryJournalCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started yet.");

    public async Task InitializeAsync() => _cluster = await JournalTestCluster.StartAsync(silo => silo.AddMemoryEventJournal());

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
