using Platform.Reminders;

namespace Platform.Runtime.Reminders;

/// <summary>A stored reminder: ticks at <see cref="StartAt"/> and every <see cref="Period"/> after it.</summary>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period) : IGrainReminder;
