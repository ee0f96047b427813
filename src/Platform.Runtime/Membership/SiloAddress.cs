using System.Globalization;

namespace Platform.Runtime.Membership;

/// <summary>
/// A silo incarnation: its endpoint plus a generation that changes on every start, so a restarted silo on the same
/// endpoint is a new member and the old incarnation can be declared dead without ambiguity.
/// </summary>
public readonly record struct SiloAddress(string Host, int Port, long Generation)
{
    public string Endpoint => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{Endpoint}@{Generation.ToString(CultureInfo.InvariantCulture)}";
}
