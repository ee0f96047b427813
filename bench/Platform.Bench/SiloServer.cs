using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.PostgreSql;
using Platform.Runtime;

namespace Platform.Bench;

/// <summary>
/// <c>serve-silo [--zone Z] [--cluster-id ID] [--postgres CONN]</c>: the silo process the remote scenarios start and
/// kill. Hosts the bench grains on a free loopback port and prints the port once it has joined.
/// </summary>
internal static class SiloServer
{
    public const string Command = "serve-silo";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string zone = "a", clusterId = "bench";
        string? postgres = null;
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
                cluster.Port = 0;
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

        // The parent stops this process by killing it, or by closing stdin for a graceful stop.
        await Console.In.ReadToEndAsync();
        await silo.StopAsync();
        return 0;
    }
}
