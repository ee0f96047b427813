using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Platform.Client;

namespace Platform.Silo.Tests.Failures;

/// <summary>
/// Three silo executables in zones a, b and c on a fresh PostgreSQL database, and a client of the SDK connected to all
/// of them through the membership table: the cluster the failure tests break.
/// </summary>
internal sealed class ThreeSiloCluster : IAsyncDisposable
{
    private readonly IHost _client;

    private ThreeSiloCluster(PostgresServer.Database database, RunningSilo[] silos, IHost client)
    {
        Database = database;
        Silos = silos;
        _client = client;
    }

    public RunningSilo[] Silos { get; }

    /// <summary>The cluster's database, for checks of what storage holds.</summary>
    public PostgresServer.Database Database { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public static async Task<ThreeSiloCluster> StartAsync(string clusterId)
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var silos = new List<RunningSilo>();
        try
        {
            foreach (var zone in new[] { "a", "b", "c" })
            {
                silos.Add(await SiloProcess.StartAsync(
                    ["--port", "0", "--gateway-port", "0", "--cluster-id", clusterId, "--zone", zone, "--storage", "postgres", "--postgres", database.ConnectionString]));
            }

            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.AddPlatformClient(options =>
            {
                options.ClusterId = clusterId;
                options.PostgresConnectionString = database.ConnectionString;
            });
            var client = builder.Build();
            await client.StartAsync();
            var cluster = new ThreeSiloCluster(database, [.. silos], client);
            await cluster.WaitUntilAsync(hosts => hosts.Count(host => host.Value == SiloStatus.Active) == 3, "all three silos active");
            return cluster;
        }
        catch
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the cluster's membership gives <paramref name="silo"/> (its latest generation) <paramref name="status"/>.</summary>
    public Task WaitForStatusAsync(RunningSilo silo, SiloStatus status)
    {
        var port = int.Parse(silo.SiloEndpoint[(silo.SiloEndpoint.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        return WaitUntilAsync(
            hosts => hosts.Where(host => host.Key.Endpoint.Port == port).MaxBy(host => host.Key.Generation).Value == status,
            $"the silo on port {port} to be {status}");
    }

    /// <summary>Polls the membership view until <paramref name="condition"/> holds; fails after a minute with <paramref name="what"/>.</summary>
    public async Task WaitUntilAsync(Func<Dictionary<SiloAddress, SiloStatus>, bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                if (condition(await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false)))
                {
                    return;
                }
            }
            catch (Exception error) when (error is OrleansException or TimeoutException)
            {
                // The cluster is changing under the query; ask again.
            }

            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"waited a minute for {what}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
