namespace Platform.Runtime.Collection;

/// <summary>
/// Every <see cref="SiloOptions.SweepInterval"/>, walks the catalog once: fails calls past their deadline (queued or
/// running), collects idle activations and publishes mailbox depth. One pass for all three keeps per-call cost at
/// zero: no timer is armed per call, which is what lets deadlines hold at a million calls per second.
/// </summary>
internal sealed class ActivationSweeper(SiloRuntime silo) : IDisposable
{
    private readonly Lock _lock = new();
    private ITimer? _timer;

    public void Start() =>
        _timer = silo.Time.CreateTimer(static state => ((ActivationSweeper)state!).Sweep(), this, silo.Options.SweepInterval, silo.Options.SweepInterval);

    /// <summary>Runs one sweep now; the timer calls this, and so can tests.</summary>
    public SweepReport Sweep()
    {
        var report = new SweepReport();

        // A slow sweep must not overlap the next tick; the skipped tick's work is done by this one.
        if (!_lock.TryEnter())
        {
            return report;
        }

        try
        {
            var now = silo.Time.GetTimestamp();
            foreach (var activation in silo.Catalog.Activations)
            {
                activation.Sweep(now, report);
            }

            silo.Telemetry.PublishMailboxDepth(report.MailboxDepth);
            return report;
        }
        finally
        {
            _lock.Exit();
        }
    }

    public void Dispose() => _timer?.Dispose();
}
