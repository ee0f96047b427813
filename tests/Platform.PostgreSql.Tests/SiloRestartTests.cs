namespace Platform.PostgreSql.Tests;

public sealed class SiloRestartTests(OneSiloPostgresCluster fixture) : IClassFixture<OneSiloPostgresCluster>
{
    [Fact]
    public async Task Grain_state_and_journaled_state_survive_a_silo_restart()
    {
        var counter = fixture.Cluster.Client.GetGrain<ICounterGrain>("counter:restart");
        var account = fixture.Cluster.Client.GetGrain<IAccountGrain>("account:restart");
        await counter.Increment();
        await counter.Increment();
        for (var amount = 1; amount <= 4; amount++)
        {
            await account.Deposit(amount, $"payment-{amount}");
        }

        await fixture.Cluster.RestartSiloAsync(fixture.Cluster.Primary!);
        await fixture.Cluster.WaitForLivenessToStabilizeAsync();

        (await counter.Get()).ShouldBe(2);
        (await account.Get()).ShouldBe(new AccountView(10, 4));
        (await account.Deposit(4, "payment-4")).ShouldBeFalse("the operation id outlives the silo");
        (await account.GetHistory()).Select(entry => entry.Event).ShouldBe([new Deposited(1), new Deposited(2), new Deposited(3), new Deposited(4)]);
        (await fixture.Database.CountAsync("SELECT version FROM journal_snapshots WHERE stream_id = $1", account.GetGrainId().ToString()))
            .ShouldBe(3, "the account snapshots every 3 events; the fourth is folded on top");
    }
}
