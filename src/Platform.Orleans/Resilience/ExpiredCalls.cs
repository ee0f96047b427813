using Microsoft.Extensions.Logging;

namespace Platform.Orleans.Resilience;

/// <summary>
/// Refuses, in <see cref="Hosting.PlatformIncomingCallFilter"/>, to run a grain call whose caller's deadline
/// (<see cref="CallDeadline"/>) has passed: the caller already failed it, so running it now would apply a write nobody
/// is told about.
/// </summary>
/// <remarks>
/// A stream event is the exception: Orleans stores the publisher's request context with the event and delivers it later,
/// often after the publishing call's deadline (a consumer catching up, a delivery retried). The event outlives the call
/// that published it, so its delivery, and every call the consumer makes for it, runs without the deadline. Refusing it
/// would fail the delivery again on every retry, and stall the stream for good.
/// </remarks>
internal sealed partial class ExpiredCalls(TimeProvider time, ILogger<ExpiredCalls> logger)
{
    /// <summary>How Orleans names the interface its pulling agents deliver stream events through (it is internal).</summary>
    private const string StreamConsumerInterface = "Orleans.Streams.IStreamConsumerExtension";

    /// <summary>The refusal of an expired call, or null when the call may run.</summary>
    public TimeoutException? Refusal(IIncomingGrainCallContext context)
    {
        if (context.InterfaceName == StreamConsumerInterface)
        {
            CallDeadline.Clear();
            return null;
        }

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
