using System.Diagnostics;
using Platform.Grains.Requests;

namespace Platform.Api.Idempotency;

/// <summary>
/// Settles an idempotency key's claim when its attempt is over: keeps the answer, or releases the key after a failure.
/// The first try belongs to the request, so that a retry right after it finds the answer or a free key. When the replay
/// grain cannot be reached (its silo died or is paused, the database is down) the request still gets its own answer, and
/// the settlement is tried again in the background until it lands or the claim has timed out anyway: otherwise every
/// retry of the request would be refused as in progress for <see cref="RequestReplayRules.ClaimTimeout"/>, and an answer
/// already given could not be replayed.
/// </summary>
/// <remarks>
/// One loop per key, however many of its attempts are waiting, so that an outage does not multiply into calls. Their
/// order does not matter: each settlement acts only on its own attempt's claim, and one attempt at most holds the key.
/// </remarks>
internal sealed partial class ClaimSettlement(IHostApplicationLifetime lifetime, ILogger<ClaimSettlement> logger)
{
    private static readonly TimeSpan PauseBetweenRounds = TimeSpan.FromMilliseconds(500);

    /// <summary>Per replay grain key, the settlements that failed and when each stops mattering; guarded by itself.</summary>
    private readonly Dictionary<string, List<(Func<Task> Settle, long GiveUpAt)>> _waiting = [];

    /// <summary>Keeps <paramref name="response"/> as the answer of <paramref name="attempt"/>.</summary>
    public Task CompleteAsync(IRequestReplayGrain replay, Guid attempt, StoredResponse response) =>
        SettleAsync(replay, () => replay.Complete(attempt, response));

    /// <summary>Releases the key if <paramref name="attempt"/> claimed it.</summary>
    public Task AbandonAsync(IRequestReplayGrain replay, Guid attempt) =>
        SettleAsync(replay, () => replay.Abandon(attempt));

    /// <summary>Tries once; on failure leaves the settlement to the key's background loop. Never throws.</summary>
    private async Task SettleAsync(IRequestReplayGrain replay, Func<Task> settle)
    {
        try
        {
            await settle();
            return;
        }
        catch (Exception error)
        {
            var key = replay.GetPrimaryKeyString();
            var giveUpAt = Stopwatch.GetTimestamp() + (long)(RequestReplayRules.ClaimTimeout.TotalSeconds * Stopwatch.Frequency);
            lock (_waiting)
            {
                if (_waiting.TryGetValue(key, out var waiting))
                {
                    waiting.Add((settle, giveUpAt));
                    return;
                }

                _waiting[key] = [(settle, giveUpAt)];
            }

            LogRetrying(logger, key, error);
            _ = Task.Run(() => RetryAsync(key));
        }
    }

    private async Task RetryAsync(string key)
    {
        var started = Stopwatch.GetTimestamp();
        var stopping = lifetime.ApplicationStopping;
        while (true)
        {
            try
            {
                await Task.Delay(PauseBetweenRounds, stopping);
            }
            catch (OperationCanceledException)
            {
                // The instance is stopping: what is left times out with its claims.
            }

            (Func<Task> Settle, long GiveUpAt)[] round;
            lock (_waiting)
            {
                var waiting = _waiting[key];
                var expired = waiting.RemoveAll(item => stopping.IsCancellationRequested || Stopwatch.GetTimestamp() > item.GiveUpAt);
                if (expired > 0)
                {
                    LogGaveUp(logger, key, expired);
                }

                if (waiting.Count == 0)
                {
                    _waiting.Remove(key);
                    if (expired == 0)
                    {
                        LogSettled(logger, key, Stopwatch.GetElapsedTime(started).TotalSeconds);
                    }

                    return;
                }

                round = [.. waiting];
            }

            foreach (var item in round)
            {
                try
                {
                    await item.Settle();
                    lock (_waiting)
                    {
                        _waiting[key].Remove(item);
                    }
                }
                catch (Exception)
                {
                    // The replay grain is still out of reach; the next round tries again.
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling the idempotency claim {Key} failed; retrying in the background until it lands")]
    private static partial void LogRetrying(ILogger logger, string key, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotency claim {Key} settled in the background after {Seconds:0.0} s")]
    private static partial void LogSettled(ILogger logger, string key, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up settling {Count} attempt(s) at idempotency key {Key}: their claims time out on their own")]
    private static partial void LogGaveUp(ILogger logger, string key, int count);
}
