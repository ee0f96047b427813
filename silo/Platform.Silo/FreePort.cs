using System.Net;
using System.Net.Sockets;

namespace Platform.Silo;

/// <summary>
/// Port 0 on the command line: Orleans needs a real port before it binds (it advertises it in the membership table),
/// so the silo asks the operating system for one and lets it go. Another process could take it in between; for the
/// smoke check and tests on one machine that window is small enough.
/// </summary>
internal static class FreePort
{
    public static int Pick(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
