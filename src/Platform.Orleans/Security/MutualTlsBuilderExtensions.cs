using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Platform.Orleans.Security;

/// <summary>
/// Mutual TLS on Orleans' connections (Microsoft.Orleans.Connections.Security): both ends present a certificate, and
/// each accepts only a certificate of the cluster's own authorities that is valid now and allows its side of the
/// handshake. A peer without a certificate, with one of another authority or an expired one never completes the
/// handshake, so no message of it reaches a grain. Not Orleans' <c>UseTls</c>, which gives silo-to-silo and client
/// connections one validation: here each connection kind names its peer in a refusal, and a silo's port admits only
/// silo certificates (<see cref="MutualTlsUsage.OfSilo"/>).
/// </summary>
public static class MutualTlsBuilderExtensions
{
    public static ISiloBuilder UsePlatformMutualTls(this ISiloBuilder builder, MutualTlsCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        builder.Services.AddSingleton(credentials);
        builder.Services.AddOptions<SiloConnectionOptions>().Configure<ILoggerFactory>((connections, loggers) =>
        {
            var logger = loggers.CreateLogger<MutualTlsPeerValidator>();
            var fromSilos = Tls(credentials, new MutualTlsPeerValidator(credentials.Authorities, "a silo connecting to this silo", MutualTlsUsage.OfSilo, logger));
            var fromClients = Tls(credentials, new MutualTlsPeerValidator(
                credentials.Authorities, "a client connecting to this gateway", MutualTlsUsage.OfClient, logger));
            var toSilos = Tls(credentials, new MutualTlsPeerValidator(
                credentials.Authorities, "the silo this silo connects to", [MutualTlsUsage.ServerAuthentication], logger));
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(fromSilos));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(fromClients));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(toSilos));
        });
        return builder;
    }

    public static IClientBuilder UsePlatformMutualTls(this IClientBuilder builder, MutualTlsCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        builder.Services.AddSingleton(credentials);
        builder.Services.AddOptions<ClientConnectionOptions>().Configure<ILoggerFactory>((connections, loggers) =>
        {
            var toGateways = Tls(credentials, new MutualTlsPeerValidator(
                credentials.Authorities, "the gateway this client connects to", [MutualTlsUsage.ServerAuthentication], loggers.CreateLogger<MutualTlsPeerValidator>()));
            connections.ConfigureConnection(connection => connection.UseClientTls(toGateways));
        });
        return builder;
    }

    private static TlsOptions Tls(MutualTlsCredentials credentials, MutualTlsPeerValidator peer) => new()
    {
        LocalCertificate = credentials.Certificate,
        // Both ends must present a certificate: the accepting side asks for the dialler's and refuses the handshake
        // without one, and the dialling side always sends its own.
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = peer.Validate,
    };
}
