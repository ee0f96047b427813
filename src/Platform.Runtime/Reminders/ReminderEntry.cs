using Platform.Reminders;

namespace Platform.Runtime.Reminders;

/// <summary>
/// A stored reminder: tick n is due at <see cref="StartAt"/> + n × <see cref="Period"/> (n from 0), and
/// <see cref="LastTick"/> is the highest n some silo claimed for delivery (-1 before the first).
/// </summary>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period, long LastTick = -1) : IGrainReminder
{
    /// <summary>The highest tick due at <paramref name="now"/>; -1 before <see cref="StartAt"/>.</summary>
    public long DueTick(DateTimeOffset now) => now < StartAt ? -1 : (now - StartAt).Ticks / Period.Ticks;

    public DateTimeOffset TickTime(long tick) => StartAt + (Period * tick);

    /// <summary>Same registration (a re-registration moves the start or changes the period), whatever was claimed since.</summary>
    public bool HasScheduleOf(ReminderEntry other) => StartAt == other.StartAt && Period == other.Period;
}
