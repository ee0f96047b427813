using Platform.Grains;
using Platform.Grains.Jobs;
using Platform.Testing;

namespace Platform.PostgreSql.Tests;

public sealed class DurableGrainTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Acknowledged_grain_state_survives_a_silo_restart()
    {
        var draft = new JobDraft("Durable job", "Survives restarts", ["C#"], 40, 60, "client-1");
        await using (var first = await StartAsync())
        {
            await first.GrainFactory.GetGrain<IJobGrain>("durable-1").Post(draft);
        }

        await using var second = await StartAsync();
        var job = await second.GrainFactory.GetGrain<IJobGrain>("durable-1").Get();

        job.ShouldNotBeNull();
        job.Title.ShouldBe("Durable job");
        job.Status.ShouldBe(JobStatus.Open);
    }

    [Fact]
    public async Task A_journaled_grains_stream_survives_a_silo_restart()
    {
        await using (var first = await StartAsync())
        {
            var account = first.GrainFactory.GetGrain<IAccountGrain>("durable-account");
            for (var amount = 1; amount <= 4; amount++)
            {
                await account.Deposit(amount, $"payment-{amount}");
            }
        }

        await using var second = await StartAsync();
        var restarted = second.GrainFactory.GetGrain<IAccountGrain>("durable-account");

        (await restarted.Get()).ShouldBe(new AccountView(10, 4));
        await using (var dataSource = database.CreateDataSource())
        {
            var snapshot = await new PostgreSqlEventJournal(dataSource, TimeProvider.System)
                .ReadSnapshotAsync(restarted.GetGrainId().ToString(), CancellationToken.None);
            snapshot.ShouldNotBeNull().Version.ShouldBe(3, "the account snapshots every 3 events; the fourth was folded on top");
        }

        (await restarted.Deposit(4, "payment-4")).ShouldBeFalse("the operation id outlives the silo");
        (await restarted.GetHistory()).Select(entry => entry.Event).ShouldBe([new Deposited(1), new Deposited(2), new Deposited(3), new Deposited(4)]);
    }

    private Task<InProcessTestCluster> StartAsync() =>
        InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(MarketplaceGrains).Assembly)
            .AddGrains(typeof(DurableGrainTests).Assembly)
            .ConfigureSilo(silo => silo
                .AddPostgreSqlGrainStorage(database.ConnectionString)
                .AddPostgreSqlEventJournal(database.ConnectionString))
            .BuildAndStartAsync();
}
