using Platform.Grains.Notifications;

namespace Platform.Grains.Alerts;

/// <summary>The rules of a user's alert inbox: de-duplication, numbering, the bound, catch-up. Pure, so tested without a silo.</summary>
internal static class AlertInbox
{
    /// <summary>
    /// The state with <paramref name="notification"/> appended as the next alert, trimmed to <paramref name="capacity"/>;
    /// null when the inbox already holds its id (a repeat of an at-least-once delivery).
    /// </summary>
    /// <remarks>
    /// The kept alerts are the de-duplication window: one list to bound and store, and a linear scan of at most a thousand
    /// ids per notification costs less than the storage write that follows.
    /// </remarks>
    public static (UserAlertsState Next, Alert Alert)? Accept(UserAlertsState state, Notification notification, int capacity = AlertTerms.InboxCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        foreach (var kept in state.Inbox)
        {
            if (kept.NotificationId == notification.Id)
            {
                return null;
            }
        }

        var alert = new Alert(state.LastSequence + 1, notification.Id, notification.Kind, notification.Payload, notification.CreatedAt);
        var skip = Math.Max(0, state.Inbox.Count + 1 - capacity);
        // An array, not a collection expression: the JSON grain storage only reads types it allows, and the compiler's
        // synthesized list types are not among them.
        return (state with { LastSequence = alert.Sequence, Inbox = state.Inbox.Skip(skip).Append(alert).ToArray() }, alert);
    }

    /// <summary>What a client that has seen up to <paramref name="sequence"/> missed; see <see cref="AlertCatchUp"/>.</summary>
    public static AlertCatchUp Since(UserAlertsState state, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var missed = state.Inbox.Where(alert => alert.Sequence > sequence).ToArray();

        // Sequences have no gaps, so anything between the client's number and the oldest kept alert was trimmed away.
        var truncated = state.Inbox.Count > 0 && state.Inbox[0].Sequence > sequence + 1;
        return new AlertCatchUp(missed, truncated, state.LastSequence);
    }
}
