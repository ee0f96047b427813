using Platform.Reminders;

namespace Platform.Runtime.Reminders;

/// <summary>The reminders of one grain, as its <see cref="IGrainContext.Reminders"/>.</summary>
internal sealed class GrainReminderRegistry(ReminderService service, GrainId grainId, object? grain) : IReminderRegistry
{
    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (grain is not IRemindable)
        {
            throw new InvalidOperationException(
                $"{grainId} registers reminder '{reminderName}' but its class {grain?.GetType().Name} does not implement IRemindable, so no tick could be delivered.");
        }

        return service.RegisterOrUpdateAsync(grainId, reminderName, dueTime, period);
    }

    public Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return service.UnregisterAsync(grainId, reminder.ReminderName);
    }

    public Task<IGrainReminder?> GetReminder(string reminderName) => service.GetAsync(grainId, reminderName);

    public Task<IReadOnlyList<IGrainReminder>> GetReminders() => service.GetAllAsync(grainId);
}
