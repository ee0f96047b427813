using Platform.Runtime.Reminders;

namespace Platform.PostgreSql.Tests;

public sealed class PostgreSqlReminderTableTests(MigratedPostgresDatabase database) : ReminderTableContract, IClassFixture<MigratedPostgresDatabase>
{
    protected override IReminderTable CreateTable(string clusterId) => new PostgreSqlReminderTable(database.DataSource, clusterId);
}
