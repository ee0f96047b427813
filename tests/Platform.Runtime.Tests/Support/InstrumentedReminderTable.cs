using Platform.Runtime.Reminders;

namespace Platform.Runtime.Tests.Support;

/// <summary>
/// An in-memory reminder table that counts tick claims and can hold writes, or full reads after they took their
/// snapshot, until the test releases them.
/// </summary>
public sealed class InstrumentedReminderTable : IReminderTable
{
    private readonly InMemoryReminderTable _inner = new();
    private int _claims;
    private int _wonClaims;

    public Gate Writes { get; } = new();

    public Gate Reads { get; } = new();

    public int Claims => Volatile.Read(ref _claims);

    public int WonClaims => Volatile.Read(ref _wonClaims);

    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        _inner.ReadAsync(grainId, reminderName, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken) =>
        _inner.ReadAsync(grainId, cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _inner.ReadAllAsync(cancellationToken);
        await Reads.PassAsync();
        return snapshot;
    }

    public async Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        await Writes.PassAsync();
        await _inner.UpsertAsync(entry, cancellationToken);
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await Writes.PassAsync();
        return await _inner.RemoveAsync(grainId, reminderName, cancellationToken);
    }

    public async Task<bool> TryClaimTickAsync(ReminderEntry entry, long tick, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _claims);
        var won = await _inner.TryClaimTickAsync(entry, tick, cancellationToken);
        if (won)
        {
            Interlocked.Increment(ref _wonClaims);
        }

        return won;
    }

    /// <summary>Open until <see cref="Hold"/>; then callers wait until <see cref="Release"/>.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _held;
        private int _waiting;

        public int Waiting => Volatile.Read(ref _waiting);

        public void Hold() => _held = true;

        public void Release() => _released.TrySetResult();

        internal async Task PassAsync()
        {
            if (!_held)
            {
                return;
            }

            Interlocked.Increment(ref _waiting);
            await _released.Task;
            Interlocked.Decrement(ref _waiting);
        }
    }
}
