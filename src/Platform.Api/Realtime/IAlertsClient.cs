namespace Platform.Api.Realtime;

/// <summary>What the alerts hub calls on a connected front end.</summary>
public interface IAlertsClient
{
    /// <summary>An alert for the connected user: live, or missed and sent again by <see cref="AlertsHub.Resume"/>.</summary>
    Task Alert(AlertMessage alert);

    /// <summary>
    /// The client is further behind than the user's inbox keeps: some alerts are gone, so it should reload the state it
    /// shows (jobs, applications) instead of relying on alerts alone.
    /// </summary>
    Task Reload();
}
