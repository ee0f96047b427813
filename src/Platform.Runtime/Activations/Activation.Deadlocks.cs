using Platform.Invocation;

namespace Platform.Runtime.Activations;

/// <summary>
/// Deadlock detection: a call that would wait for a turn this activation is running, while that turn waits (through
/// the call chain) for the call, can never complete. Orleans lets it hang until the deadline; we refuse it at once.
/// </summary>
internal sealed partial class Activation
{
    private DeadlockException? FindDeadlock(Request request)
    {
        if (request.Parent is null || Class.IsReentrant || (request.Options & RequestOptions.AlwaysInterleave) != 0)
        {
            return null;
        }

        var readOnly = (request.Options & RequestOptions.ReadOnly) != 0;
        for (var waiting = request.Parent; waiting is not null; waiting = waiting.Parent)
        {
            if (!ReferenceEquals(waiting.Host, this) || waiting.ExecutionState != RequestExecutionState.Running)
            {
                continue;
            }

            if (readOnly && (waiting.Options & RequestOptions.ReadOnly) != 0)
            {
                continue;
            }

            var chain = DescribeChain(request);
            return new DeadlockException(
                $"Deadlock: {string.Join(" -> ", chain)}. {GrainId} is not reentrant and is still running {Describe(waiting)}, " +
                "which waits for this call. Mark the grain class [Reentrant] or the method [AlwaysInterleave], or break the cycle.",
                chain);
        }

        return null;
    }

    private static List<string> DescribeChain(Request request)
    {
        var chain = new List<string>();
        for (var link = request; link is not null; link = link.Parent)
        {
            chain.Add(Describe(link));
        }

        chain.Reverse();
        return chain;
    }

    private static string Describe(Request request) => $"{request.Target}.{request.MethodName}";
}
