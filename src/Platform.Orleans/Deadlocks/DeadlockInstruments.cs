using System.Diagnostics.Metrics;
using Platform.Orleans.Telemetry;

namespace Platform.Orleans.Deadlocks;

/// <summary>The deadlock counter on the <see cref="PlatformOrleansMeter"/> meter.</summary>
internal sealed class DeadlockInstruments
{
    public const string DeadlocksName = "platform.grain.deadlocks";

    private readonly Counter<long> _deadlocks;

    public DeadlockInstruments(IMeterFactory meterFactory)
    {
        _deadlocks = meterFactory.Create(PlatformOrleansMeter.Name)
            .CreateCounter<long>(DeadlocksName, "{call}", "Calls refused because they would wait on a grain further up their own call chain, by target grain type.");
    }

    public void OnDeadlock(GrainType target) =>
        _deadlocks.Add(1, new KeyValuePair<string, object?>("grain.type", target.ToString()));
}
