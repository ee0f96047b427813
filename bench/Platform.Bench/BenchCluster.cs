using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Platform.Client;

namespace Platform.Bench;

/// <summary>
/// Silo processes of the real executable and one client in this process (the client SDK's <c>AddPlatformClient</c>):
/// with <c>postgres</c> they share membership and grain state in a fresh database, without it one silo keeps both in
/// memory.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    /// <summary>How many times a silo is started again before its restart fails the run.</summary>
    private const int StartAttempts = 5;

    /// <summary>
    /// The pause before the second start of a silo that exited before it was ready, doubled before each further one, as an
    /// orchestrator backs off a crashing container: the cluster settles between attempts instead of meeting one at once.
    /// </summary>
    private static readonly TimeSpan FirstRestartBackoff = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan SiloReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ClusterChangeTimeout = TimeSpan.FromSeconds(120);

    private readonly BenchDatabase? _database;
    private readonly bool _ownsDatabase;
    private readonly TimeSpan? _responseTimeout;
    private readonly List<SiloProcess> _silos = [];
    private readonly List<string> _zones = [];
    private IHost? _client;

    private BenchCluster(BenchDatabase? database, bool ownsDatabase, TimeSpan? responseTimeout)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _responseTimeout = responseTimeout;
    }

    /// <summary>What its silos and clients (the client here, an API process) name to join it.</summary>
    public string ClusterId { get; } = $"bench-{Guid.NewGuid():N}"[..16];

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The run's database, where the silos keep membership and grain state.</summary>
    public string DatabaseConnectionString => _database?.ConnectionString
        ?? throw new InvalidOperationException("this cluster keeps its state in memory");

    /// <summary>The zone of each silo in <see cref="Silos"/>.</summary>
    public IReadOnlyList<string> Zones => _zones;

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("the client is not connected yet");

    /// <summary>Starts one silo per zone (in order, so the first creates the schema) and connects the client to all of them.</summary>
    public static async Task<BenchCluster> StartAsync(bool postgres, params string[] zones) =>
        await StartAsync(postgres ? await BenchDatabase.CreateAsync() : null, ownsDatabase: true, responseTimeout: null, zones);

    /// <summary>The same on a fresh database of the PostgreSQL server <paramref name="postgresServer"/>.</summary>
    public static async Task<BenchCluster> StartAsync(string postgresServer, params string[] zones) =>
        await StartAsync(await BenchDatabase.CreateAsync(postgresServer), ownsDatabase: true, responseTimeout: null, zones);

    /// <summary>
    /// The same on <paramref name="database"/>, which the caller prepared (say, loaded data into) and drops itself, with
    /// a client that waits <paramref name="responseTimeout"/> for an answer instead of the client SDK's 3 s.
    /// </summary>
    public static Task<BenchCluster> StartAsync(BenchDatabase database, TimeSpan responseTimeout, params string[] zones) =>
        StartAsync(database, ownsDatabase: false, responseTimeout, zones);

    private static async Task<BenchCluster> StartAsync(BenchDatabase? database, bool ownsDatabase, TimeSpan? responseTimeout, string[] zones)
    {
        var cluster = new BenchCluster(database, ownsDatabase, responseTimeout);
        try
        {
            foreach (var zone in zones)
            {
                await cluster.AddSiloAsync(zone);
            }

            await cluster.ConnectAsync();
            await cluster.WaitForActiveSilosAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts another silo (a scale-out) and waits until the cluster lists it as active.</summary>
    public async Task AddSiloAsync(string zone)
    {
        _zones.Add(zone);
        _silos.Add(await SiloProcess.StartAsync(SiloEndpoint.Free(), SiloArguments(zone), SiloReadyTimeout));
        if (_client is not null)
        {
            await WaitForActiveSilosAsync();
        }
    }

    /// <summary>SIGTERM to silo <paramref name="index"/>, waits for it to leave and exit, then starts it again on the same ports.</summary>
    /// <returns>The stopped process's exit code.</returns>
    public async Task<int> RestartAsync(int index)
    {
        var silo = _silos[index];
        await silo.TerminateAsync();
        var exitCode = await silo.WaitForExitAsync(ClusterChangeTimeout);
        await StartAgainAsync(index);
        return exitCode;
    }

    /// <summary>
    /// Starts silo <paramref name="index"/> again on its ports after it exited or was killed (what an orchestrator does
    /// with a failed container, again if the new process exits before it is ready: on a starved machine the others may
    /// declare a joining silo dead) and waits until the cluster lists the new generation as active.
    /// </summary>
    public async Task StartAgainAsync(int index)
    {
        var silo = _silos[index];
        await silo.DisposeAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _silos[index] = await SiloProcess.StartAsync(silo.Endpoint, SiloArguments(_zones[index]), SiloReadyTimeout);
                break;
            }
            catch (InvalidOperationException notStarted) when (attempt < StartAttempts)
            {
                var backoff = FirstRestartBackoff * (1 << (attempt - 1));
                await Console.Error.WriteLineAsync($"bench: {notStarted.Message}\nbench: starting it again in {backoff.TotalSeconds:0} s");
                await Task.Delay(backoff);
            }
        }

        await WaitForActiveSilosAsync();
    }

    /// <summary>Activations of grains whose type name contains <paramref name="grainTypeName"/>, per silo in start order.</summary>
    public async Task<int[]> ActivationsAsync(string grainTypeName)
    {
        var statistics = await Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return [.. _silos.Select(silo => statistics
            .Where(statistic => statistic.SiloAddress.Endpoint.Port == silo.Endpoint.SiloPort
                && statistic.GrainType.Contains(grainTypeName, StringComparison.OrdinalIgnoreCase))
            .Sum(statistic => statistic.ActivationCount))];
    }

    /// <summary>Waits until the cluster's active silos are exactly the running processes (a restarted one under its new generation).</summary>
    public Task WaitForActiveSilosAsync() =>
        WaitForActiveSilosAsync(_silos.Where(silo => !silo.HasExited));

    /// <summary>Waits until the cluster's active silos are exactly <paramref name="silos"/> (say, all but a paused one).</summary>
    public async Task WaitForActiveSilosAsync(IEnumerable<SiloProcess> silos)
    {
        var expected = silos.Select(silo => silo.Endpoint.SiloPort).Order().ToArray();
        var deadline = Stopwatch.GetTimestamp() + (long)(ClusterChangeTimeout.TotalSeconds * Stopwatch.Frequency);
        var active = Array.Empty<int>();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
                active = [.. hosts.Keys.Select(address => address.Endpoint.Port).Order()];
                if (active.SequenceEqual(expected))
                {
                    return;
                }
            }
            catch (Exception error) when (error is OrleansException or TimeoutException)
            {
                // The cluster is changing under the query; ask again.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(
            $"the active silos were on ports {string.Join(", ", active)} instead of {string.Join(", ", expected)} after {ClusterChangeTimeout.TotalSeconds:0} s");
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (_database is not null && _ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task ConnectAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddPlatformClient(options =>
        {
            options.ClusterId = ClusterId;
            options.ResponseTimeout = _responseTimeout;
            if (_database is not null)
            {
                options.PostgresConnectionString = _database.ConnectionString;
            }
            else
            {
                foreach (var silo in _silos)
                {
                    options.Gateways.Add(silo.Endpoint.Gateway);
                }
            }
        });
        _client = builder.Build();
        await _client.StartAsync();
    }

    private string[] SiloArguments(string zone) => _database is null
        ? ["--cluster-id", ClusterId, "--zone", zone, "--storage", "memory"]
        : ["--cluster-id", ClusterId, "--zone", zone, "--storage", "postgres", "--postgres", _database.ConnectionString];
}
