using Npgsql;

namespace Platform.PostgreSql.Matching;

/// <summary>
/// The matching index's own pool, with pgvector's types mapped (<c>UseVector</c>) and its own limit
/// (<see cref="PostgreSqlMatchingOptions.MaxConnections"/>); kept apart from the platform's pool so that Orleans'
/// providers never see a type plugin they did not ask for, and a burst of queries never takes their connections.
/// </summary>
internal sealed class MatchingDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
