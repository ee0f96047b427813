using System.Reflection;
using Platform.Runtime.Membership;
using Platform.Runtime.Metadata;

namespace Platform.Client;

/// <summary>Configures a <see cref="ClusterClient"/>: its grain interfaces, its gateways or membership table, and options.</summary>
public sealed class ClusterClientBuilder
{
    private readonly GrainTypeRegistry _registry = new();
    private readonly ClusterClientOptions _options = new();
    private IMembershipTable? _discovery;
    private TimeProvider _time = TimeProvider.System;

    /// <summary>Adds the grain interfaces (and generated proxies) of <paramref name="assembly"/>.</summary>
    public ClusterClientBuilder AddGrains(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _registry.AddAssembly(assembly);
        return this;
    }

    /// <summary>Gateways as "host:port"; the client tries them in order.</summary>
    public ClusterClientBuilder UseGateways(params string[] gateways)
    {
        foreach (var gateway in gateways)
        {
            GatewayEndpoint.Parse(gateway);
            _options.Gateways.Add(gateway);
        }

        return this;
    }

    /// <summary>Discovers gateways from the cluster's membership table: every active silo is one.</summary>
    public ClusterClientBuilder UseMembershipTable(IMembershipTable table)
    {
        _discovery = table ?? throw new ArgumentNullException(nameof(table));
        return this;
    }

    public ClusterClientBuilder Configure(Action<ClusterClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    public ClusterClientBuilder UseTimeProvider(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        return this;
    }

    public ClusterClient Build()
    {
        _options.Validate();
        if (_options.Gateways.Count == 0 && _discovery is null)
        {
            throw new InvalidOperationException("The client needs gateways (UseGateways) or a membership table (UseMembershipTable) to find the cluster.");
        }

        return new ClusterClient(_registry, _options, _discovery, _time);
    }

    /// <summary>Builds the client and connects it.</summary>
    public async Task<ClusterClient> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var client = Build();
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }
}
