using Microsoft.Extensions.Logging;

namespace Platform.Orleans.Resilience;

/// <summary>
/// Refuses, in <see cref="Hosting.PlatformIncomingCallFilter"/>, to run a grain call whose caller's deadline
/// (<see cref="CallDeadline"/>) has passed: the caller already failed it, so running it now would apply a write nobody
/// is told about.
/// </summary>
internal sealed partial class ExpiredCalls(TimeProvider time, ILogger<ExpiredCalls> logger)
{
    /// <summary>The refusal of an expired call, or null when the call may run.</summary>
    public TimeoutException? Refusal(IIncomingGrainCallContext context)
    {
        if (!CallDeadline.HasExpired(time.GetUtcNow().UtcDateTime, out var deadline))
        {
            return null;
        }

        LogRefused(logger, context.InterfaceName, context.MethodName, deadline);
        return new TimeoutException($"{context.InterfaceName}.{context.MethodName} arrived after its caller's deadline {deadline:O} and was not run.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not running {Interface}.{Method}: its caller's deadline {Deadline:O} passed before it arrived")]
    private static partial void LogRefused(ILogger logger, string @interface, string method, DateTime deadline);
}
