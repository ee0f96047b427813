using Platform.Reminders;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Grains;

/// <summary>A reminder grain that records the silo each tick ran on, for ownership and failover tests.</summary>
public interface IPlacedReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task Unregister(string name);
}

internal sealed class PlacedReminderGrain(TestProbe probe, Silo silo) : Grain, IPlacedReminderGrain, IRemindable
{
    public const string EventPrefix = "placed-tick";

    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name) => await UnregisterReminder(await GetReminder(name) ?? throw new InvalidOperationException($"no reminder {name}"));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Record($"{EventPrefix}|{GetPrimaryKeyString()}|{silo.Address}|{status.CurrentTickTime.UtcTicks}");
        return Task.CompletedTask;
    }
}
