using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Api.Realtime;

/// <summary>SignalR, the alerts hub at <see cref="AlertsHub.Path"/> and the heartbeats of its connections' sessions.</summary>
public static class RealtimeHostingExtensions
{
    public static IServiceCollection AddPlatformRealtime(this IServiceCollection services)
    {
        services.AddSignalR();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiveConnections>();
        services.AddHostedService<SessionHeartbeats>();
        return services;
    }

    public static IEndpointRouteBuilder MapPlatformRealtime(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<AlertsHub>(AlertsHub.Path).RequireAuthorization();
        return routes;
    }
}
