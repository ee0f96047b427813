using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Platform.Orleans.Security;

/// <summary>
/// Judges the certificate a peer presented in a TLS handshake against the cluster's authorities (<see cref="MutualTlsChain"/>)
/// and logs why it refused one. Orleans refuses a peer without a certificate before it asks.
/// </summary>
/// <param name="peer">Who presents the certificate, as the refusal names it: "a silo connecting to this silo".</param>
/// <param name="usages">What the peer's certificate must allow (<see cref="MutualTlsUsage"/>).</param>
internal sealed class MutualTlsPeerValidator(X509Certificate2Collection authorities, string peer, IReadOnlyList<string> usages, ILogger logger)
{
    /// <summary>Orleans' <c>RemoteCertificateValidator</c>.</summary>
    /// <param name="policyErrors">
    /// Ignored: SslStream judged the chain against the machine's store, which does not hold the cluster's authorities,
    /// and the host name, which identifies nothing here (silos are dialled by IP address, and a pod's changes with every
    /// restart). A certificate of the cluster's own authorities is the identity.
    /// </param>
    public bool Validate(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors policyErrors)
    {
        // The intermediates the peer sent, if any, so that a leaf issued below one of the authorities chains to it.
        var problem = MutualTlsChain.Problem(certificate, authorities, usages, presented?.ChainPolicy.ExtraStore);
        if (problem is null)
        {
            return true;
        }

        MutualTlsLog.PeerRefused(
            logger, peer, certificate.Subject, certificate.Issuer, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), problem);
        return false;
    }
}
