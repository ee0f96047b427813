using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// When each target of a load (a counter, a user) was first served after a mark, such as the moment a silo was killed or
/// a fault ended, so that a scenario can say when every target was served again: the recovery that the failover and
/// chaos scenarios report.
/// </summary>
internal sealed class ServedSinceMark(int targets)
{
    private readonly long[] _firstServedAfterMark = new long[targets];
    private long _mark = long.MaxValue;

    /// <summary>Remembers now; a later mark replaces an earlier one.</summary>
    public long Mark()
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _mark, now);
        return now;
    }

    /// <summary>When the last target was first served after <see cref="Mark"/>, or null if some was not yet.</summary>
    public long? AllServed()
    {
        var mark = Interlocked.Read(ref _mark);
        return _firstServedAfterMark.Any(time => time < mark) ? null : _firstServedAfterMark.Max();
    }

    /// <summary>Records that <paramref name="target"/> was served now.</summary>
    public void Served(int target)
    {
        var now = Stopwatch.GetTimestamp();
        var mark = Interlocked.Read(ref _mark);
        var seen = Interlocked.Read(ref _firstServedAfterMark[target]);
        if (now > mark && seen < mark)
        {
            // A time before the mark belongs to an earlier mark: the first success since this one replaces it.
            Interlocked.CompareExchange(ref _firstServedAfterMark[target], now, seen);
        }
    }
}
