using System.Collections.Concurrent;

namespace Platform.Orleans.Supervision;

/// <summary>Grain ids stopped by <see cref="SupervisionDirective.Stop"/> on this silo, with the timestamp their stop ends.</summary>
internal sealed class StoppedGrains(TimeProvider time)
{
    private readonly ConcurrentDictionary<GrainId, long> _stoppedUntil = new();

    public void Stop(GrainId grain, TimeSpan duration) =>
        _stoppedUntil[grain] = time.GetTimestamp() + (long)(duration.TotalSeconds * time.TimestampFrequency);

    public void ThrowIfStopped(GrainId grain)
    {
        // The common case: nothing was stopped, so no hashing of the grain id at all.
        if (_stoppedUntil.IsEmpty || !_stoppedUntil.TryGetValue(grain, out var until))
        {
            return;
        }

        var now = time.GetTimestamp();
        if (now >= until)
        {
            _stoppedUntil.TryRemove(new KeyValuePair<GrainId, long>(grain, until));
            return;
        }

        var remaining = time.GetElapsedTime(now, until);
        var untilTime = time.GetUtcNow() + remaining;
        throw new GrainStoppedException(
            $"Grain {grain} was stopped by its supervisor after a failure and refuses calls for another " +
            $"{remaining.TotalSeconds:0.#} s (until {untilTime:O}).",
            grain.ToString(),
            untilTime);
    }
}
