using Microsoft.Extensions.DependencyInjection;
using Platform.PostgreSql.Tests.Grains;
using Platform.Testing;

namespace Platform.PostgreSql.Tests;

public sealed class DurableReminderTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string CountRows = "SELECT count(*) FROM reminders WHERE grain_key = $1";

    [Fact]
    public async Task A_reminder_is_stored_when_registered_fires_after_a_restart_and_is_deleted_when_unregistered()
    {
        await using (var first = await StartAsync(new Rings()))
        {
            await first.GrainFactory.GetGrain<IAlarmGrain>("wake").Set(TimeSpan.FromMilliseconds(200));
            (await CountAsync("wake")).ShouldBe(1, "stored before the call returned");
        }

        var rings = new Rings();
        await using var second = await StartAsync(rings);
        await Eventually.Until(() => rings.Alarms.Count >= 2, "the restarted silo fires the stored reminder");

        await second.GrainFactory.GetGrain<IAlarmGrain>("wake").Clear();
        (await CountAsync("wake")).ShouldBe(0, "deleted before the call returned");
    }

    private async Task<long> CountAsync(string key)
    {
        await using var dataSource = database.CreateDataSource();
        await using var command = dataSource.CreateCommand(CountRows);
        command.Parameters.AddWithValue(key);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<InProcessTestCluster> StartAsync(Rings rings) =>
        InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(DurableReminderTests).Assembly)
            .ConfigureServices(services => services.AddSingleton(rings))
            .ConfigureSilo(silo => silo.AddPostgreSqlReminders(database.ConnectionString))
            .BuildAndStartAsync();
}
