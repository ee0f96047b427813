namespace Platform.Bench;

/// <summary>The two ports of a silo on loopback; a restarted silo gets the same ones.</summary>
internal sealed record SiloEndpoint(int SiloPort, int GatewayPort)
{
    public static SiloEndpoint Free() => new(InProcessSilo.FreePort(), InProcessSilo.FreePort());

    public string Gateway => $"127.0.0.1:{GatewayPort}";
}
