using Platform.Reminders;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task Unregister(string name);

    Task<IReadOnlyList<string>> List();

    Task Deactivate();
}

internal sealed class ReminderGrain(TestProbe probe) : Grain, IReminderGrain, IRemindable
{
    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name)
    {
        var reminder = await GetReminder(name) ?? throw new InvalidOperationException($"no reminder {name}");
        await UnregisterReminder(reminder);
    }

    public async Task<IReadOnlyList<string>> List() => (await GetReminders()).Select(reminder => reminder.ReminderName).ToList();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Record($"tick:{GetPrimaryKeyString()}:{reminderName}:{status.CurrentTickTime:HH:mm:ss}");
        return Task.CompletedTask;
    }
}
