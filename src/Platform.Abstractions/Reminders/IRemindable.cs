namespace Platform.Reminders;

/// <summary>Implemented by grains that register reminders; ticks arrive here, activating the grain if needed.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}
