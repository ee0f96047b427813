using Npgsql;
using Platform.Runtime.Membership;

namespace Platform.PostgreSql.Tests;

public sealed class PostgreSqlMembershipTableTests(PostgresDatabase database) : MembershipTableContract, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public async Task InitializeAsync()
    {
        _dataSource = database.CreateDataSource();
        await new SchemaMigrator(_dataSource).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    protected override IMembershipTable CreateTable(string clusterId) => new PostgreSqlMembershipTable(_dataSource!, clusterId);
}
