using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Platform.PostgreSql;
using Platform.Runtime;

namespace Platform.Bench;

/// <summary>
/// <c>serve-silo [--zone Z] [--cluster-id ID] [--port N] [--postgres CONN]</c>: the silo process the remote scenarios
/// start, stop and kill. Hosts the bench grains on loopback (a free port unless given), prints the port once it has
/// joined, then its activation count every quarter second; SIGTERM or a closed stdin stops it gracefully.
/// </summary>
internal static class SiloServer
{
    public const string Command = "serve-silo";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string zone = "a", clusterId = "bench";
        string? postgres = null;
        var port = 0;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--zone":
                    zone = args[i + 1];
                    break;
                case "--cluster-id":
                    clusterId = args[i + 1];
                    break;
                case "--postgres":
                    postgres = args[i + 1];
                    break;
                case "--port":
                    port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"serve-silo: unknown option '{args[i]}'");
                    return 2;
            }
        }

        var services = new ServiceCollection();
        services.AddPlatformSilo(silo =>
        {
            silo.AddGrains(typeof(SiloServer).Assembly);
            void Configure(ClusterOptions cluster)
            {
                cluster.ClusterId = clusterId;
                cluster.Zone = zone;
                cluster.Port = port;
                cluster.ListenAddress = IPAddress.Loopback;
            }

            if (postgres is null)
            {
                silo.UseCluster(Configure);
            }
            else
            {
                silo.AddPostgreSqlGrainStorage(postgres);
                silo.UsePostgreSqlClustering(postgres, Configure);
            }
        });
        await using var provider = services.BuildServiceProvider();
        var silo = provider.GetRequiredService<Silo>();
        await silo.StartAsync();
        Console.WriteLine(silo.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stopping.TrySetResult();
        });
        _ = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync();
            stopping.TrySetResult();
        });
        while (!stopping.Task.IsCompleted)
        {
            Console.WriteLine($"activations {silo.ActivationCount}");
            await Task.WhenAny(stopping.Task, Task.Delay(250));
        }

        await silo.StopAsync();
        return 0;
    }
}
