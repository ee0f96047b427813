namespace Platform.Reminders;

/// <summary>The reminders of one grain. Registration and cancellation are stored before the returned task completes.</summary>
public interface IReminderRegistry
{
    Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period);

    Task UnregisterReminder(IGrainReminder reminder);

    Task<IGrainReminder?> GetReminder(string reminderName);

    Task<IReadOnlyList<IGrainReminder>> GetReminders();
}
