using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Alerts;
using Platform.Grains.Tenancy;

namespace Platform.Grains.Sessions;

// Type name fixed so that renaming the class keeps calls from API instances of the previous version working. No
// [OnFailure]: a failed call (the user's alerts grain did not answer) says nothing about the session's memory, so the
// supervisor's default, resume, is right.
[GrainType("session")]
internal sealed class SessionGrain(TimeProvider time, IOptions<AlertOptions> options, ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private readonly AlertOptions _options = options.Value;

    private OpenSession? _open;

    private IGrainTimer? _expiryCheck;

    public async Task<AlertLease> Open(string userKey, IAlertObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var session = TenantKey.Parse(this.GetPrimaryKeyString());
        var user = session.ParseInTenant(userKey, "user");
        if (_open is not null && _open.UserKey != user.ToString())
        {
            throw new InvalidOperationException($"Session '{session}' is open for '{_open.UserKey}', not '{user}'.");
        }

        var alerts = GrainFactory.GetGrain<IUserAlertsGrain>(user.ToString());
        var lease = await alerts.Connect(session.Id, observer);
        _open = new OpenSession(user.ToString(), session.Id, alerts, observer, time.GetUtcNow());

        // KeepAlive: a session of a dead API instance hears no calls, yet must live until it has disconnected. A periodic
        // check rather than a timer moved on every heartbeat: the grains' clock is the configured TimeProvider, timers run
        // on real time, and the check reads the former.
        _expiryCheck ??= this.RegisterGrainTimer(
            CheckExpiry, new GrainTimerCreationOptions(_options.ExpiryCheckInterval, _options.ExpiryCheckInterval) { KeepAlive = true });
        return lease;
    }

    public async Task<AlertLease?> Heartbeat()
    {
        if (_open is null)
        {
            // A fresh activation: the session expired, was closed or lost its silo. Do not linger as an empty activation.
            this.DeactivateOnIdle();
            return null;
        }

        // Heard of before the renewal: the API instance is alive even if the user's alerts grain is slow to answer.
        _open = _open with { LastHeartbeat = time.GetUtcNow() };
        return await _open.Alerts.Connect(_open.ConnectionId, _open.Observer);
    }

    public Task<bool> IsOpen()
    {
        if (_open is null)
        {
            this.DeactivateOnIdle();
        }

        return Task.FromResult(_open is not null);
    }

    public Task Close() => End();

    private async Task CheckExpiry(CancellationToken cancellationToken)
    {
        if (_open is not { } open || time.GetUtcNow() - open.LastHeartbeat < _options.LeaseDuration)
        {
            return;
        }

        SessionLog.Expired(logger, this.GetPrimaryKeyString(), open.UserKey, open.LastHeartbeat);
        await End();
    }

    private async Task End()
    {
        if (_open is { } open)
        {
            await open.Alerts.Disconnect(open.ConnectionId);
            _open = null;
        }

        _expiryCheck?.Dispose();
        _expiryCheck = null;
        this.DeactivateOnIdle();
    }
}
