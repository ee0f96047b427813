using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Platform.Runtime.Membership;
using Platform.Runtime.Messaging;
using Platform.Runtime.Placement;
using Platform.Runtime.Telemetry;
using Platform.Transport;

namespace Platform.Runtime.Cluster;

/// <summary>
/// A silo's part in the cluster: the listener for silos and clients, links to the other silos, the membership agent,
/// and the placement computed from its view. Calls for grains another silo owns leave through here.
/// </summary>
internal sealed partial class ClusterRuntime : IAsyncDisposable
{
    private readonly SiloRuntime _silo;
    private readonly ClusterOptions _options;
    private readonly IMembershipTable _table;
    private readonly ConcurrentDictionary<SiloAddress, OutboundLink> _silos = new();
    private readonly ConcurrentDictionary<string, PeerConnection> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PeerConnection, byte> _accepted = new();
    private readonly ConnectionOptions _connectionOptions;
    private ConnectionListener? _listener;
    private MembershipAgent? _agent;
    private ITimer? _deadlineTimer;
    private volatile ZoneAwarePlacement _placement = new(-1, []);
    private volatile bool _fenced;
    private long _lastForcedRefresh;

    public ClusterRuntime(SiloRuntime silo, ClusterOptions options, IMembershipTable table)
    {
        _silo = silo;
        _options = options;
        _table = table;
        _connectionOptions = new ConnectionOptions { MaxFrameBytes = options.MaxFrameBytes };
        ObserverPrefix = string.Empty;
    }

    public SiloAddress Self { get; private set; }

    public string ClusterId => _options.ClusterId;

    public string Zone => _options.Zone;

    /// <summary>The start of observer keys created on this silo, so that other silos can route callbacks here.</summary>
    public string ObserverPrefix { get; private set; }

    public bool IsFenced => _fenced;

    public ClusterView View => _agent?.CurrentView ?? new ClusterView(-1, [], Self);

    /// <summary>Raised when this silo finds itself declared dead; the host should exit.</summary>
    public event Action? Fenced;

    /// <summary>Raised after a new view has replaced the placement, on the membership agent's loop: do not block.</summary>
    public event Action<ClusterView>? ViewChanged;

    public TimeProvider Time => _silo.Time;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new ConnectionListener(
            new IPEndPoint(_options.ListenAddress, _options.Port),
            connection =>
            {
                var peer = new PeerConnection(this, peer: null, $"peer at {connection.RemoteEndPoint}");
                peer.Attach(connection);
                _accepted.TryAdd(peer, 0);
                return peer;
            },
            _connectionOptions);
        _listener.Start();

        var host = _options.AdvertisedHost ?? _options.ListenAddress.ToString();
        Self = new SiloAddress(host, _listener.LocalEndPoint.Port, _silo.Time.GetUtcNow().ToUnixTimeMilliseconds());
        ObserverPrefix = Self + "/";

        var loggerFactory = _silo.Services.GetService(typeof(ILoggerFactory)) as ILoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _agent = new MembershipAgent(_table, Self, _options.Zone, new Prober(this), _options.Membership, _silo.Time, loggerFactory.CreateLogger<MembershipAgent>());
        _agent.ViewChanged += OnViewChanged;
        _agent.Fenced += OnFenced;
        await _agent.JoinAsync(cancellationToken);
        OnJoined(_agent.CurrentView);
        _deadlineTimer = _silo.Time.CreateTimer(static state => ((ClusterRuntime)state!).SweepDeadlines(), this, _silo.Options.SweepInterval, _silo.Options.SweepInterval);
        RuntimeLog.ClusterJoined(_silo.Logger, Self.ToString(), _options.Zone, _agent.CurrentView.ActiveSilos.Count);
    }

    /// <summary>Stops serving without leaving the membership (tests' stand-in for kill -9).</summary>
    public ValueTask CrashAsync()
    {
        _fenced = true;
        return DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _deadlineTimer?.Dispose();
        if (_agent is { } agent)
        {
            await agent.DisposeAsync();
        }

        foreach (var link in _silos.Values)
        {
            link.Close();
        }

        if (_listener is { } listener)
        {
            await listener.DisposeAsync();
        }
    }

    private void SweepDeadlines()
    {
        var now = _silo.Time.GetTimestamp();
        foreach (var link in _silos.Values)
        {
            link.Peer?.SweepDeadlines(now);
        }

        foreach (var client in _clients.Values)
        {
            client.SweepDeadlines(now);
        }
    }

    private OutboundLink LinkTo(SiloAddress silo) => _silos.GetOrAdd(silo, static (address, cluster) => new OutboundLink(
        $"silo {address}",
        cancellationToken => cluster.ConnectAsync(address, cancellationToken),
        cluster,
        () => cluster.OnSiloUnreachable(address)), this);

    /// <summary>
    /// A silo in the view refused a connection: it is probably dead, and this silo's view may lag the table. Count a
    /// missed probe and re-read the table now (at most every quarter second), so calls stop going there sooner.
    /// </summary>
    private void OnSiloUnreachable(SiloAddress silo)
    {
        if (_agent is not { } agent || !View.IsActive(silo))
        {
            return;
        }

        agent.ReportUnreachable(silo);
        var now = _silo.Time.GetTimestamp();
        var last = Interlocked.Read(ref _lastForcedRefresh);
        if (_silo.Time.GetElapsedTime(last, now) >= TimeSpan.FromMilliseconds(250) && Interlocked.CompareExchange(ref _lastForcedRefresh, now, last) == last)
        {
            _ = RefreshQuietlyAsync(agent);
        }
    }

    private async Task RefreshQuietlyAsync(MembershipAgent agent)
    {
        try
        {
            await agent.RefreshNowAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The periodic refresh retries; this one only tried to be early.
            RuntimeLog.ClusterRefreshFailed(_silo.Logger, exception);
        }
    }

    private async Task<PeerConnection> ConnectAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        if (_partitioned)
        {
            throw new IOException($"Could not connect to {silo}: this silo is partitioned (test fault).");
        }

        var peer = new PeerConnection(this, new HelloMessage(PeerRole.Silo, _options.ClusterId, silo, null), $"silo {silo}");
        var connection = await Connection.ConnectAsync(new DnsEndPoint(silo.Host, silo.Port), peer, _connectionOptions, cancellationToken);
        peer.Attach(connection);
        connection.TrySend(new HelloMessage(PeerRole.Silo, _options.ClusterId, Self, null));
        return peer;
    }

    private sealed class Prober(ClusterRuntime cluster) : ISiloProber
    {
        public async Task<bool> ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
        {
            var peer = await cluster.LinkTo(target).ConnectedAsync().WaitAsync(cancellationToken);
            return peer is not null && await peer.ProbeAsync(cluster._options.Membership.ProbeTimeout, cancellationToken);
        }
    }
}
