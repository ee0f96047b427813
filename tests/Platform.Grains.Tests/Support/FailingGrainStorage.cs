using Orleans.Storage;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// The silo's "Default" storage in the grain tests: Orleans' in-memory storage, except that writes of the grains a test
/// names fail with an <see cref="IOException"/>, so one shared cluster serves tests that need storage to break.
/// </summary>
public sealed class FailingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly HashSet<GrainId> _failing = [];

    public void FailWritesOf(GrainId grain)
    {
        lock (_failing)
        {
            _failing.Add(grain);
        }
    }

    public void HealWritesOf(GrainId grain)
    {
        lock (_failing)
        {
            _failing.Remove(grain);
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_failing)
        {
            if (_failing.Contains(grainId))
            {
                throw new IOException($"storage is down (writing {stateName} of {grainId})");
            }
        }

        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
