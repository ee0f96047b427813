using Platform.Runtime.Reminders;
using Platform.Tests.Shared;

namespace Platform.Runtime.Tests;

public sealed class InMemoryReminderTableTests : ReminderTableContract
{
    protected override IReminderTable CreateTable(string clusterId) => new InMemoryReminderTable();
}
