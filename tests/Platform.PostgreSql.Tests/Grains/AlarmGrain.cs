using System.Collections.Concurrent;
using Platform.Reminders;

namespace Platform.PostgreSql.Tests.Grains;

public interface IAlarmGrain : IGrainWithStringKey
{
    Task Set(TimeSpan period);

    Task Clear();
}

/// <summary>The ticks one silo delivered (a DI singleton per silo).</summary>
public sealed class Rings
{
    public ConcurrentQueue<string> Alarms { get; } = new();
}

internal sealed class AlarmGrain(Rings rings) : Grain, IAlarmGrain, IRemindable
{
    public Task Set(TimeSpan period) => RegisterOrUpdateReminder("alarm", TimeSpan.Zero, period);

    public async Task Clear() => await UnregisterReminder((await GetReminder("alarm"))!);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        rings.Alarms.Enqueue(GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}
