using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Orleans.Hosting;

namespace Platform.Bench;

/// <summary>One silo in this process on loopback with in-memory storage; plain, with Orleans' tracing, or with the platform's extensions.</summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<InProcessSilo> StartAsync(SiloFeatures features)
    {
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(FreePort(), FreePort())
                    .AddMemoryGrainStorageAsDefault();
                if (features == SiloFeatures.Platform)
                {
                    silo.AddPlatformExtensions();
                }
                else if (features == SiloFeatures.OrleansTracing)
                {
                    silo.AddActivityPropagation();
                }
            })
            .Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
