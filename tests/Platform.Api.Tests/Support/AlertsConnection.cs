using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Api.Realtime;
using Platform.Grains.Sessions;

namespace Platform.Api.Tests.Support;

/// <summary>A front end's connection to the alerts hub that records what the hub sends it.</summary>
internal sealed class AlertsConnection : IAsyncDisposable
{
    private static readonly TimeSpan FewSeconds = TimeSpan.FromSeconds(10);

    private readonly List<AlertMessage> _received = [];

    private int _reloads;

    private AlertsConnection(HubConnection hub)
    {
        Hub = hub;
        Hub.On<AlertMessage>(nameof(IAlertsClient.Alert), alert =>
        {
            lock (_received)
            {
                _received.Add(alert);
            }
        });
        Hub.On(nameof(IAlertsClient.Reload), () => Interlocked.Increment(ref _reloads));
    }

    public HubConnection Hub { get; }

    public IReadOnlyList<AlertMessage> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public int Reloads => Volatile.Read(ref _reloads);

    /// <summary>A connection to the in-process API (long polling: the test server has no websockets).</summary>
    public static HubConnection Build(ApiCluster cluster, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.Server.BaseAddress, AlertsHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => cluster.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult(token);
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();

    public static Task<AlertsConnection> OpenAsync(ApiCluster cluster, string tenant, string user, string role) =>
        StartAsync(Build(cluster, cluster.Tokens.For(tenant, user, role)));

    /// <summary>A websocket connection to an API instance on a real port (<see cref="ApiProcess"/>).</summary>
    public static Task<AlertsConnection> OpenAsync(ApiCluster cluster, string apiUrl, string tenant, string user, string role)
    {
        var token = cluster.Tokens.For(tenant, user, role);
        return StartAsync(new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(apiUrl), AlertsHub.Path), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build());
    }

    private static async Task<AlertsConnection> StartAsync(HubConnection hub)
    {
        var connection = new AlertsConnection(hub);
        await connection.Hub.StartAsync();
        return connection;
    }

    /// <summary>What was received once it holds <paramref name="count"/> alerts, after a pause that would reveal any more.</summary>
    public async Task<IReadOnlyList<AlertMessage>> WaitForAsync(int count)
    {
        await Eventually.ValueAsync(() => Task.FromResult(Received.Count >= count ? "received" : null), FewSeconds);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        return Received;
    }

    /// <summary>
    /// The connection's session grain once it is open. The hub opens it after the handshake that ends the client's start,
    /// so an alert sent before then is the client's to fetch with Resume, not a live one.
    /// </summary>
    public async Task<ISessionGrain> OpenSessionAsync(ApiCluster cluster, string tenant)
    {
        var session = cluster.Grains.GetGrain<ISessionGrain>($"{tenant}/{Hub.ConnectionId}");
        await Eventually.ValueAsync(async () => await session.IsOpen() ? "open" : null, FewSeconds);
        return session;
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
