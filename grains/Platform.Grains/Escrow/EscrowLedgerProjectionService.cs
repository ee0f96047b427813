using Microsoft.Extensions.Logging;

namespace Platform.Grains.Escrow;

/// <summary>
/// Runs the ledger projection on every silo once it is active: catch up, wait <see cref="PollInterval"/>, again. Every
/// silo may run it (the store's checkpoint makes one apply win); a failed round is logged and the next one retries.
/// </summary>
internal sealed partial class EscrowLedgerProjectionService(
    EscrowLedgerProjection projection,
    TimeProvider time,
    ILogger<EscrowLedgerProjectionService> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    // Active: the schema is migrated and the journal registered before the first read.
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(EscrowLedgerProjectionService), ServiceLifecycleStage.Active, Start, StopAsync);

    public void Dispose() => _stopping.Dispose();

    private Task Start(CancellationToken cancellationToken)
    {
        _running = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                try
                {
                    await projection.CatchUpAsync(stopping);
                }
                catch (Exception error) when (!stopping.IsCancellationRequested)
                {
                    LogRoundFailed(error);
                }

                await Task.Delay(PollInterval, time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The escrow ledger projection failed a round; it tries again in a moment")]
    private partial void LogRoundFailed(Exception error);
}
