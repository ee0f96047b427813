using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Platform.Runtime.Tests.Support;

/// <summary>Starts a one-silo test cluster with the test grains, a probe and, optionally, a manual clock.</summary>
public static class TestClusters
{
    public static async Task<(InProcessTestCluster Cluster, TestProbe Probe)> StartAsync(
        ManualTimeProvider? time = null,
        Action<SiloOptions>? options = null)
    {
        var probe = new TestProbe();
        var builder = InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(TestClusters).Assembly)
            .ConfigureServices(services => services.AddSingleton(probe));
        if (time is not null)
        {
            builder.UseTimeProvider(time);
        }

        if (options is not null)
        {
            builder.ConfigureOptions(options);
        }

        return (await builder.BuildAndStartAsync(), probe);
    }
}
