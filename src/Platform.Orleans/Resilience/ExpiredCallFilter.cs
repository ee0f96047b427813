using Microsoft.Extensions.Logging;

namespace Platform.Orleans.Resilience;

/// <summary>
/// Refuses to run a grain call whose caller's deadline (<see cref="CallDeadline"/>) has passed: the caller already
/// failed it, so running it now would apply a write nobody is told about.
/// </summary>
internal sealed partial class ExpiredCallFilter(TimeProvider time, ILogger<ExpiredCallFilter> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (CallDeadline.HasExpired(time.GetUtcNow().UtcDateTime, out var deadline))
        {
            LogRefused(logger, context.InterfaceName, context.MethodName, deadline);
            throw new TimeoutException($"{context.InterfaceName}.{context.MethodName} arrived after its caller's deadline {deadline:O} and was not run.");
        }

        return context.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not running {Interface}.{Method}: its caller's deadline {Deadline:O} passed before it arrived")]
    private static partial void LogRefused(ILogger logger, string @interface, string method, DateTime deadline);
}
