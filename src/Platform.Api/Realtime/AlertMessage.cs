using Platform.Grains.Alerts;

namespace Platform.Api.Realtime;

/// <summary>An <see cref="Alert"/> as a front end receives it over the alerts hub.</summary>
/// <param name="Sequence">The user's alert number: a client keeps the highest it has shown and resumes from it.</param>
/// <param name="Id">The notification id: one alert per id.</param>
/// <param name="Kind">What happened, by name ("ApplicationReceived"), so clients do not depend on the grains' numbering.</param>
public sealed record AlertMessage(long Sequence, string Id, string Kind, IReadOnlyDictionary<string, string> Payload, DateTimeOffset CreatedAt)
{
    public static AlertMessage From(Alert alert) =>
        new(alert.Sequence, alert.NotificationId, alert.Kind.ToString(), alert.Payload, alert.CreatedAt);
}
