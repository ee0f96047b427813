using Npgsql;

namespace Platform.PostgreSql;

/// <summary>
/// The silo's own pool on the platform database (migrations, event journal), wrapped so that it never collides with
/// an <see cref="NpgsqlDataSource"/> another part of the host registers.
/// </summary>
internal sealed class PlatformDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
