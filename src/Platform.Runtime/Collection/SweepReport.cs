using System.Collections.Concurrent;

namespace Platform.Runtime.Collection;

/// <summary>What one sweep found: queued calls per grain type and calls it timed out.</summary>
internal sealed class SweepReport
{
    public ConcurrentDictionary<string, long> MailboxDepth { get; } = new(StringComparer.Ordinal);

    public int TimedOut { get; set; }

    public void AddMailboxDepth(string grainType, int depth) => MailboxDepth.AddOrUpdate(grainType, depth, (_, total) => total + depth);
}
