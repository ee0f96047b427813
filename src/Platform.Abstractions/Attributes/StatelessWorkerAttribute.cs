namespace Platform;

/// <summary>
/// The grain holds no state of its own and may run as several activations per silo at once, always on the silo that
/// calls it (never placed remotely): for pure compute such as scoring or validation.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <param name="maxLocalWorkers">How many activations one silo may run for one grain id; 0 means one per core.</param>
    public StatelessWorkerAttribute(int maxLocalWorkers = 0)
    {
        if (maxLocalWorkers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLocalWorkers), maxLocalWorkers, "[StatelessWorker] needs a worker count of 0 (one per core) or more.");
        }

        MaxLocalWorkers = maxLocalWorkers == 0 ? Environment.ProcessorCount : maxLocalWorkers;
    }

    public int MaxLocalWorkers { get; }
}
