using Platform.Grains.Notifications;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// Every notification the silo's streams delivered (through <see cref="NotificationInboxGrain"/>, a real implicit
/// subscriber), for tests to wait on without sleeping: a waiter wakes up on each delivery and gives up after a bound.
/// </summary>
public sealed class NotificationInbox
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private readonly List<Notification> _received = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(Notification notification)
    {
        TaskCompletionSource arrived;
        lock (_lock)
        {
            _received.Add(notification);
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.SetResult();
    }

    /// <summary>What <paramref name="recipient"/> received so far, in delivery order.</summary>
    public IReadOnlyList<Notification> For(string recipient)
    {
        lock (_lock)
        {
            return _received.Where(notification => notification.Recipient == recipient).ToArray();
        }
    }

    /// <summary>The first notification of <paramref name="kind"/> to <paramref name="recipient"/>, waiting for it if need be.</summary>
    public async Task<Notification> WaitForAsync(string recipient, NotificationKind kind, TimeSpan? timeout = null)
    {
        var bound = timeout ?? DefaultWait;
        using var expiry = new CancellationTokenSource(bound);
        while (true)
        {
            Task arrived;
            lock (_lock)
            {
                if (_received.FirstOrDefault(notification => notification.Recipient == recipient && notification.Kind == kind) is { } found)
                {
                    return found;
                }

                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                var seen = string.Join(", ", For(recipient).Select(notification => notification.Kind));
                throw new TimeoutException($"No {kind} notification reached '{recipient}' within {bound}; it received: [{seen}].");
            }
        }
    }
}
