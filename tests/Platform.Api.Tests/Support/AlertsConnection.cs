using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Api.Realtime;

namespace Platform.Api.Tests.Support;

/// <summary>A front end's connection to the alerts hub that records what the hub sends it.</summary>
public sealed class AlertsConnection : IAsyncDisposable
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

    public static HubConnection Build(ApiCluster cluster, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.Server.BaseAddress, AlertsHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => cluster.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult(token);
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();

    public static async Task<AlertsConnection> OpenAsync(ApiCluster cluster, string tenant, string user, string role)
    {
        var connection = new AlertsConnection(Build(cluster, cluster.Tokens.For(tenant, user, role)));
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

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
