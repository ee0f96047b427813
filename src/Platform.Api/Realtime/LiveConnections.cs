using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Platform.Api.Security;
using Platform.Grains.Alerts;
using Platform.Grains.Sessions;

namespace Platform.Api.Realtime;

/// <summary>
/// The alerts hub's connections on this API instance, each with its session grain: opened when a connection starts,
/// renewed together by <see cref="SessionHeartbeats"/>, closed when it ends.
/// </summary>
internal sealed class LiveConnections(IGrainFactory grains, IHubContext<AlertsHub, IAlertsClient> hub, ILogger<LiveConnections> logger)
{
    /// <summary>Heartbeats in flight at once: enough that thousands of connections renew well within one interval.</summary>
    private const int HeartbeatConcurrency = 32;

    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);

    public async Task Open(Caller caller, string connectionId)
    {
        var observer = new HubAlertObserver(connectionId, hub);
        var connection = new LiveConnection(
            connectionId, caller.Key, grains.GetGrain<ISessionGrain>(caller.KeyOf(connectionId)), observer, grains.CreateObjectReference<IAlertObserver>(observer));
        _connections[connectionId] = connection;
        try
        {
            await connection.Session.Open(caller.Key, connection.Reference);
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

    /// <summary>Renews every connection's session; one that is gone (expired while this instance stalled, or its silo died) is opened again.</summary>
    public Task HeartbeatAll(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            _connections.Values,
            new ParallelOptions { MaxDegreeOfParallelism = HeartbeatConcurrency, CancellationToken = cancellationToken },
            async (connection, _) =>
            {
                try
                {
                    // A connection closed meanwhile may be opened again here; nobody renews it then, so it expires.
                    if (await connection.Session.Heartbeat() is null)
                    {
                        await connection.Session.Open(connection.UserKey, connection.Reference);
                        RealtimeLog.SessionReopened(logger, connection.ConnectionId, connection.UserKey);
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    RealtimeLog.HeartbeatFailed(logger, connection.ConnectionId, connection.UserKey, error);
                }
            });
}
