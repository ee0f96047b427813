using System.Text;
using Platform.Persistence;

namespace Platform.PostgreSql.Tests;

public sealed class GrainStorageTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly byte[] Empty = Encoding.UTF8.GetBytes("{}");

    public async Task InitializeAsync()
    {
        await using var dataSource = database.CreateDataSource();
        await new SchemaMigrator(dataSource).MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Etags_guard_insert_update_and_clear()
    {
        await using var dataSource = database.CreateDataSource();
        var storage = new PostgreSqlGrainStorage(dataSource);
        var id = new GrainId("job", "etag");

        var first = await storage.WriteAsync(id, "s", Encoding.UTF8.GetBytes("{\"v\":1}"), null, CancellationToken.None);
        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", Empty, null, CancellationToken.None));
        var second = await storage.WriteAsync(id, "s", Encoding.UTF8.GetBytes("{\"v\":2}"), first, CancellationToken.None);
        second.ShouldNotBe(first);

        var stale = await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", Empty, first, CancellationToken.None));
        stale.Message.ShouldContain($"expected ETag {first} but storage has {second}");
        var record = await storage.ReadAsync(id, "s", CancellationToken.None);
        Encoding.UTF8.GetString(record!.Data.Span).ShouldBe("{\"v\": 2}");
        record.Etag.ShouldBe(second);

        await Should.ThrowAsync<InconsistentStateException>(() => storage.ClearAsync(id, "s", first, CancellationToken.None));
        await storage.ClearAsync(id, "s", second, CancellationToken.None);
        (await storage.ReadAsync(id, "s", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Of_two_writers_holding_the_same_etag_exactly_one_wins()
    {
        await using var dataSource = database.CreateDataSource();
        var storage = new PostgreSqlGrainStorage(dataSource);
        var id = new GrainId("job", "race");
        var etag = await storage.WriteAsync(id, "s", Empty, null, CancellationToken.None);

        var writers = Enumerable.Range(0, 8)
            .Select(i => storage.WriteAsync(id, "s", Encoding.UTF8.GetBytes($"{{\"writer\":{i}}}"), etag, CancellationToken.None))
            .ToList();
        var outcomes = await Task.WhenAll(writers.Select(async writer =>
        {
            try
            {
                await writer;
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        outcomes.Count(won => won).ShouldBe(1);
    }

    [Fact]
    public async Task A_foreign_etag_is_rejected_as_inconsistent()
    {
        await using var dataSource = database.CreateDataSource();
        var storage = new PostgreSqlGrainStorage(dataSource);

        var error = await Should.ThrowAsync<InconsistentStateException>(
            () => storage.WriteAsync(new GrainId("job", "foreign"), "s", Empty, "not-a-version", CancellationToken.None));

        error.Message.ShouldContain("was not issued by PostgreSQL storage");
    }
}
