using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Platform.Api.Security;
using Platform.Grains.Alerts;
using Platform.Grains.Sessions;

namespace Platform.Api.Realtime;

/// <summary>
/// The alerts hub's connections on this API instance, each with its session grain: opened when a connection starts,
/// renewed by <see cref="SessionHeartbeats"/> when due, closed when it ends.
/// </summary>
internal sealed class LiveConnections(
    IGrainFactory grains,
    IHubContext<AlertsHub, IAlertsClient> hub,
    TimeProvider time,
    ILogger<LiveConnections> logger)
{
    /// <summary>Heartbeats in flight at once: enough that thousands of connections renew well within one lease.</summary>
    private const int HeartbeatConcurrency = 32;

    /// <summary>After a failed renewal: soon enough that the lease holds, late enough not to hammer a struggling cluster.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);

    public async Task Open(Caller caller, string connectionId)
    {
        var observer = new HubAlertObserver(connectionId, hub);
        var connection = new LiveConnection(
            connectionId, caller.Key, grains.GetGrain<ISessionGrain>(caller.KeyOf(connectionId)), observer, grains.CreateObjectReference<IAlertObserver>(observer));
        _connections[connectionId] = connection;
        try
        {
            var lease = await connection.Session.Open(caller.Key, connection.Reference);
            observer.StartAfter(lease.LastSequence);
            connection.Granted(lease, time.GetUtcNow());
        }
        catch
        {
            _connections.TryRemove(connectionId, out _);
            grains.DeleteObjectReference<IAlertObserver>(connection.Reference);
            throw;
        }
    }

    public LiveConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public async Task Close(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection))
        {
            return;
        }

        try
        {
            await connection.Session.Close();
        }
        catch (Exception error)
        {
            // The connection is gone either way; its session stops hearing heartbeats and disconnects when it expires.
            RealtimeLog.CloseFailed(logger, connectionId, connection.UserKey, error);
        }
        finally
        {
            grains.DeleteObjectReference<IAlertObserver>(connection.Reference);
        }
    }

    /// <summary>
    /// Renews the sessions due for it. A session that is gone (expired while this instance stalled, or its silo died) is
    /// opened again; alerts the renewed lease shows and the connection never got are sent to it.
    /// </summary>
    public Task RenewDue(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Parallel.ForEachAsync(
            _connections.Values.Where(connection => connection.RenewAt <= now),
            new ParallelOptions { MaxDegreeOfParallelism = HeartbeatConcurrency, CancellationToken = cancellationToken },
            async (connection, _) =>
            {
                try
                {
                    // A connection closed meanwhile may be opened again here; nobody renews it then, so it expires.
                    var lease = await connection.Session.Heartbeat();
                    if (lease is null)
                    {
                        lease = await connection.Session.Open(connection.UserKey, connection.Reference);
                        RealtimeLog.SessionReopened(logger, connection.ConnectionId, connection.UserKey);
                    }

                    connection.Granted(lease, time.GetUtcNow());
                    await CatchUp(connection, lease);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    connection.RenewAfter(time.GetUtcNow() + RetryDelay);
                    RealtimeLog.HeartbeatFailed(logger, connection.ConnectionId, connection.UserKey, error);
                }
            });
    }

    private async Task CatchUp(LiveConnection connection, AlertLease lease)
    {
        if (connection.Observer.MissingAfter(lease.LastSequence) is not { } after)
        {
            return;
        }

        var missed = await grains.GetGrain<IUserAlertsGrain>(connection.UserKey).Since(after);
        RealtimeLog.CaughtUp(logger, connection.ConnectionId, connection.UserKey, after, lease.LastSequence);
        foreach (var alert in missed.Alerts)
        {
            await connection.Observer.Forward(alert);
        }
    }
}
