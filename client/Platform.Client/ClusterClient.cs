using System.Collections.Concurrent;
using System.Net;
using Platform.Invocation;
using Platform.Runtime.Membership;
using Platform.Runtime.Messaging;
using Platform.Runtime.Metadata;
using Platform.Runtime.Placement;
using Platform.Transport;

namespace Platform.Client;

/// <summary>
/// A connection to a cluster from outside it. Hands out typed grain references and sends each call straight to the
/// silo that owns the grain, computed from the cluster view that silos push; fails over to the other silos when one
/// dies, and hosts observers that grains call back. Build it with <see cref="ClusterClientBuilder"/>.
/// </summary>
public sealed partial class ClusterClient : IGrainFactory, IAsyncDisposable
{
    private readonly GrainTypeRegistry _registry;
    private readonly ClusterClientOptions _options;
    private readonly IMembershipTable? _discovery;
    private readonly ConnectionOptions _connectionOptions;
    private readonly ConcurrentDictionary<SiloAddress, OutboundLink> _links = new();
    private readonly ConcurrentDictionary<GrainId, object> _observers = new();
    private readonly TaskCompletionSource _firstView = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _viewLock = new();
    private volatile ZoneAwarePlacement _placement = new(-1, []);
    private ITimer? _maintenance;
    private int _rediscovering;

    internal ClusterClient(GrainTypeRegistry registry, ClusterClientOptions options, IMembershipTable? discovery, TimeProvider time)
    {
        _registry = registry;
        _options = options;
        _discovery = discovery;
        Time = time;
        _connectionOptions = new ConnectionOptions { MaxFrameBytes = options.MaxFrameBytes };
        ClientId = Guid.NewGuid().ToString("N");
    }

    /// <summary>This client's identity on its connections; observer references carry it so callbacks find their way here.</summary>
    public string ClientId { get; }

    /// <summary>The active silos of the newest cluster view received.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos { get; private set; } = [];

    public long ViewVersion => _placement.Version;

    public TimeProvider Time { get; }

    /// <summary>Connects to the first gateway that answers (trying each in turn until the connect timeout) and waits for its cluster view.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        var errors = new List<string>();
        var backoff = new ExponentialBackoff();
        while (true)
        {
            foreach (var gateway in await GatewaysAsync(errors, timeout.Token))
            {
                try
                {
                    var peer = await ConnectToAsync(gateway, $"gateway {gateway.Host}:{gateway.Port}", timeout.Token);
                    await _firstView.Task.WaitAsync(timeout.Token);
                    _maintenance = Time.CreateTimer(static state => ((ClusterClient)state!).Maintain(), this, _options.SweepInterval, _options.SweepInterval);
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    errors.Add($"{gateway.Host}:{gateway.Port}: {exception.Message}");
                }
            }

            if (timeout.IsCancellationRequested)
            {
                throw new SiloUnavailableException(
                    $"Could not connect to cluster '{_options.ClusterId}' within {_options.ConnectTimeout}: {string.Join("; ", errors.TakeLast(6))}",
                    mayHaveRun: false);
            }

            try
            {
                await Task.Delay(backoff.Next(), Time, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The connect timeout passed during the back-off; the next loop reports it.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        _maintenance?.Dispose();
        foreach (var link in _links.Values)
        {
            link.Close();
        }

        await Task.WhenAll(_links.Values.Select(link => link.Peer?.Connection?.Completion ?? Task.CompletedTask));
    }

    private async Task<IReadOnlyList<DnsEndPoint>> GatewaysAsync(List<string> errors, CancellationToken cancellationToken)
    {
        var gateways = _options.Gateways.Select(GatewayEndpoint.Parse).ToList();
        if (_discovery is not null)
        {
            try
            {
                var snapshot = await _discovery.ReadAllAsync(cancellationToken);
                gateways.AddRange(snapshot.Entries
                    .Where(entry => entry.Status == SiloStatus.Active)
                    .Select(entry => new DnsEndPoint(entry.Silo.Host, entry.Silo.Port)));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                errors.Add($"membership table: {exception.Message}");
            }
        }

        if (gateways.Count == 0)
        {
            errors.Add(_discovery is null ? "no gateways are configured" : "the membership table lists no active silo");
        }

        return gateways;
    }

    private async Task<PeerConnection> ConnectToAsync(EndPoint endPoint, string description, CancellationToken cancellationToken)
    {
        var peer = new PeerConnection(this, new HelloMessage(PeerRole.Silo, _options.ClusterId, null, null), description);
        var connection = await Connection.ConnectAsync(endPoint, peer, _connectionOptions, cancellationToken);
        peer.Attach(connection);
        connection.TrySend(new HelloMessage(PeerRole.Client, _options.ClusterId, null, ClientId));
        return peer;
    }

    private OutboundLink LinkTo(SiloAddress silo) => _links.GetOrAdd(silo, static (address, client) => new OutboundLink(
        $"silo {address}",
        cancellationToken => client.ConnectToAsync(new DnsEndPoint(address.Host, address.Port), $"silo {address}", cancellationToken),
        client), this);

    /// <summary>Sweeps deadlines, keeps a connection to every active silo (for views and callbacks), and rediscovers gateways when none is left.</summary>
    private void Maintain()
    {
        var now = Time.GetTimestamp();
        var open = 0;
        foreach (var link in _links.Values)
        {
            if (link.Peer is { } peer)
            {
                peer.SweepDeadlines(now);
                open++;
            }
        }

        foreach (var silo in ActiveSilos)
        {
            _ = LinkTo(silo).ConnectedAsync();
        }

        if (open == 0 && !_disposed.IsCancellationRequested && Interlocked.Exchange(ref _rediscovering, 1) == 0)
        {
            _ = RediscoverAsync();
        }
    }

    private async Task RediscoverAsync()
    {
        try
        {
            foreach (var gateway in await GatewaysAsync([], _disposed.Token))
            {
                try
                {
                    await ConnectToAsync(gateway, $"gateway {gateway.Host}:{gateway.Port}", _disposed.Token);
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Try the next gateway; the maintenance timer comes back if none answers.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            Interlocked.Exchange(ref _rediscovering, 0);
        }
    }
}
