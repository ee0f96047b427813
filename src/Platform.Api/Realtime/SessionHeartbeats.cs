using Platform.Grains.Alerts;

namespace Platform.Api.Realtime;

/// <summary>
/// One loop per API instance that renews the sessions of all its connections every <see cref="AlertTerms.RenewalInterval"/>,
/// rather than a timer per connection. When this instance dies the renewals stop and the sessions expire on their own.
/// </summary>
internal sealed class SessionHeartbeats(LiveConnections connections, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(AlertTerms.RenewalInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await connections.HeartbeatAll(stoppingToken);
        }
    }
}
