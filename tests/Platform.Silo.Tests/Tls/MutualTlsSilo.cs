namespace Platform.Silo.Tests.Tls;

/// <summary>
/// One silo executable with mutual TLS on in-memory storage (a cluster of one, so no vote can stop it on a busy machine),
/// and the certificate files its clients present.
/// </summary>
public sealed class MutualTlsSilo : IAsyncLifetime
{
    public const string ClusterId = "tls-gateway-test";

    public TlsCertificates Certificates { get; } = new();

    public RunningSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Silo = await SiloProcess.StartAsync(
            ["--port", "0", "--gateway-port", "0", "--http-port", "none", "--cluster-id", ClusterId, .. TlsCertificates.SiloArguments(Certificates.Silo, Certificates.Authority)]);

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        Certificates.Dispose();
    }
}
