using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.Grains.Alerts;

/// <summary>
/// The embedded push outbox: logs every push and keeps the latest <see cref="KeptPerRecipient"/> per recipient in the
/// silo's memory, so a developer (or a test) can see what a phone would have received. For embedded and test silos only:
/// the memory grows with the number of recipients and dies with the silo.
/// </summary>
internal sealed class LoggingPushProvider(ILogger<LoggingPushProvider> logger) : IPushProvider
{
    public const int KeptPerRecipient = 100;

    private readonly ConcurrentDictionary<string, Queue<Alert>> _pushes = new(StringComparer.Ordinal);

    public Task Push(string recipient, Alert alert, CancellationToken cancellationToken)
    {
        var pushes = _pushes.GetOrAdd(recipient, _ => new Queue<Alert>());
        lock (pushes)
        {
            pushes.Enqueue(alert);
            if (pushes.Count > KeptPerRecipient)
            {
                pushes.Dequeue();
            }
        }

        AlertLog.Pushed(logger, recipient, alert.Sequence, alert.Kind, alert.NotificationId);
        return Task.CompletedTask;
    }

    /// <summary>The pushes kept for <paramref name="recipient"/>, oldest first.</summary>
    public IReadOnlyList<Alert> For(string recipient)
    {
        if (!_pushes.TryGetValue(recipient, out var pushes))
        {
            return [];
        }

        lock (pushes)
        {
            return pushes.ToArray();
        }
    }
}
