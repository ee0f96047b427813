namespace Platform.Api.Realtime;

/// <summary>
/// One loop per API instance that renews the sessions of its connections as each falls due (a third of its lease after
/// the last grant), rather than a timer per connection; renewals spread over time as connections do. When this instance
/// dies the renewals stop and the sessions expire on their own.
/// </summary>
internal sealed class SessionHeartbeats(LiveConnections connections, TimeProvider time) : BackgroundService
{
    /// <summary>How often the loop looks for due renewals: small beside the shortest lease a silo grants (3 s).</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await connections.RenewDue(stoppingToken);
        }
    }
}
