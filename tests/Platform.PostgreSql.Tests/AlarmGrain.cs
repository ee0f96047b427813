using Orleans.Runtime;

namespace Platform.PostgreSql.Tests;

public interface IAlarmGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan period);

    Task<int> Rings();
}

/// <summary>A reminder in the ADO.NET reminder table; counts its rings while the activation lives.</summary>
internal sealed class AlarmGrain : Grain, IAlarmGrain, IRemindable
{
    private int _rings;

    public Task Arm(TimeSpan period) => this.RegisterOrUpdateReminder("ring", TimeSpan.FromMilliseconds(200), period);

    public Task<int> Rings() => Task.FromResult(_rings);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _rings++;
        return Task.CompletedTask;
    }
}
