using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Orleans.Security;

/// <summary>
/// Whether a certificate chains to one of the cluster's certificate authorities, is within its validity and allows the
/// usages asked for. Only the configured authorities are trust anchors, never the machine's store; revocation is not
/// checked (development authorities publish no lists; rotate the authority to withdraw certificates, docs/operations.md).
/// </summary>
internal static class MutualTlsChain
{
    /// <returns>Null when the chain is valid, else the reasons it is not, e.g. "NotTimeValid (certificate has expired)".</returns>
    public static string? Problem(
        X509Certificate2 certificate, X509Certificate2Collection authorities, IEnumerable<string> usages, X509Certificate2Collection? intermediates = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        // The authorities are all there is to trust: no issuer is fetched from a certificate's URLs during a handshake.
        chain.ChainPolicy.DisableCertificateDownloads = true;
        foreach (var usage in usages)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        }

        if (intermediates is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        }

        return chain.Build(certificate)
            ? null
            : string.Join(", ", chain.ChainStatus.Select(status => $"{status.Status} ({status.StatusInformation.Trim()})").Distinct());
    }
}
