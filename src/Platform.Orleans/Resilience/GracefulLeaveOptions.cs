using Orleans.Configuration;

namespace Platform.Orleans.Resilience;

/// <summary>
/// The order a silo stops in (Orleans 10.4.2 runs the stop stages from the highest down): at <c>Active</c> the gateway
/// tells every connected client to stop sending through it, then waits <see cref="ClientNotification"/>; at
/// <c>BecomeActive</c> the silo is ShuttingDown in the membership table; at <c>GrainDeactivation</c> every activation is
/// deactivated or migrated (requests still queued are forwarded to the new owner), then the silo waits
/// <see cref="OutboundDrain"/> for the forwarded requests and responses to leave before the gateway and the message
/// center close; at <c>RuntimeServices</c> application requests are rejected, and <see cref="GracefulLeaveParticipant"/>
/// keeps rejecting them for <see cref="RejectWindow"/> before the silo is Dead and its connections close. Orleans'
/// defaults for these waits are zero, which cut calls off mid-way.
/// </summary>
internal static class GracefulLeaveOptions
{
    /// <summary>Lets clients switch gateway before this one stops taking their requests.</summary>
    public static readonly TimeSpan ClientNotification = TimeSpan.FromSeconds(2);

    /// <summary>Lets forwarded requests and the last responses leave before the connections close.</summary>
    public static readonly TimeSpan OutboundDrain = TimeSpan.FromSeconds(2);

    /// <summary>How long <see cref="GracefulLeaveParticipant"/> keeps rejecting requests before the connections close.</summary>
    public static readonly TimeSpan RejectWindow = TimeSpan.FromSeconds(2);

    public static void Apply(SiloMessagingOptions options)
    {
        options.ClientGatewayShutdownNotificationTimeout = ClientNotification;
        options.WaitForMessageToBeQueuedForOutboundTime = OutboundDrain;
    }
}
