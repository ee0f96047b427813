using Platform.Runtime.Membership;

namespace Platform.Tests.Shared;

/// <summary>
/// Which silos can reach each other, as a test decides. A probe that cannot get through hangs until the agent's probe
/// timeout cancels it, as a ping to a dead host does.
/// </summary>
public sealed class TestNetwork
{
    private readonly Lock _lock = new();
    private readonly HashSet<SiloAddress> _isolated = [];

    /// <summary>From now on <paramref name="silo"/> neither reaches nor is reached by any other silo.</summary>
    public void Isolate(SiloAddress silo)
    {
        lock (_lock)
        {
            _isolated.Add(silo);
        }
    }

    public ISiloProber ProberFor(SiloAddress self) => new Prober(this, self);

    private bool CanReach(SiloAddress from, SiloAddress to)
    {
        lock (_lock)
        {
            return !_isolated.Contains(from) && !_isolated.Contains(to);
        }
    }

    private sealed class Prober(TestNetwork network, SiloAddress self) : ISiloProber
    {
        public Task<bool> ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
        {
            if (network.CanReach(self, target))
            {
                return Task.FromResult(true);
            }

            var unanswered = new TaskCompletionSource<bool>();
            cancellationToken.Register(() => unanswered.TrySetCanceled(cancellationToken));
            return unanswered.Task;
        }
    }
}
