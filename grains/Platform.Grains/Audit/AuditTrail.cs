using Platform.EventSourcing;
using Platform.Grains.Audit;

namespace Platform.Grains.Audit;

/// <summary>Appends audit events to the event journal exactly once each, however often the caller retries.</summary>
internal static class AuditTrail
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Appends <paramref name="event"/> to <paramref name="streamId"/> unless an earlier append carried
    /// <paramref name="idempotencyKey"/>; returns the event's version in the stream either way.
    /// </summary>
    public static async Task<long> AppendOnceAsync(
        IEventJournal journal, string streamId, AuditEvent @event, string idempotencyKey, CancellationToken cancellationToken)
    {
        var data = EventSerializer<AuditEvent>.Default.Serialize(@event);

        // Audit streams are short and rarely written, so the writer guesses the version and learns the real one from a
        // clash instead of reading the stream first; the idempotency key makes a retried append a no-op.
        var expected = 0L;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await journal.AppendAsync(streamId, expected, [data], idempotencyKey, cancellationToken)).Version;
            }
            catch (JournalConcurrencyException clash) when (attempt < MaxAttempts)
            {
                expected = clash.ActualVersion;
            }
        }
    }
}
