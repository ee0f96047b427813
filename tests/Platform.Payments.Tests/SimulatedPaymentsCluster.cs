using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Platform.Payments.Hosting;
using Platform.Payments.Simulated;

namespace Platform.Payments.Tests;

/// <summary>One in-process silo with the simulated provider (its books in memory grain storage), shared by a test class.</summary>
public sealed class SimulatedPaymentsCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started yet.");

    public IPaymentProvider Provider => Cluster.GetSiloServiceProvider().GetRequiredService<IPaymentProvider>();

    internal SimulatedFaults Faults => Cluster.GetSiloServiceProvider().GetRequiredService<SimulatedFaults>();

    public async Task InitializeAsync()
    {
        var payments = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Payments:Provider"] = "Simulated" }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorageAsDefault().AddPlatformPayments(payments.GetSection("Payments")));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
