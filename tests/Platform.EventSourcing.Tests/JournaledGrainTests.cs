namespace Platform.EventSourcing.Tests;

public sealed class JournaledGrainTests(MemoryJournalCluster fixture)
    : JournaledAccountScenarios(fixture.Cluster), IClassFixture<MemoryJournalCluster>
{
    [Fact]
    public async Task A_grain_whose_journal_is_not_registered_fails_to_activate_naming_it()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => Cluster.Client.GetGrain<ILedgerGrain>("x").GetVersion());

        error.Message.ShouldContain("keeps its events in event journal 'Ledger', but no journal of that name is registered");
    }
}
