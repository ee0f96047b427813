namespace Platform.Reminders;

/// <summary>A registered reminder of one grain.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }

    DateTimeOffset StartAt { get; }

    TimeSpan Period { get; }
}
