using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Platform.Bench;

/// <summary>A SignalR client of the API's alerts hub over WebSockets, as a front end connects.</summary>
internal static class AlertsHubConnection
{
    /// <summary>Where the API maps its alerts hub (docs/api.md).</summary>
    private const string HubPath = "/hubs/alerts";

    /// <summary>A connection, not yet started, that presents <paramref name="token"/>.</summary>
    public static HubConnection Build(Uri apiBaseAddress, string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(apiBaseAddress, HubPath), connection =>
        {
            connection.AccessTokenProvider = () => Task.FromResult<string?>(token);
            connection.Transports = HttpTransportType.WebSockets;
            connection.SkipNegotiation = true;
        })
        .Build();
}
