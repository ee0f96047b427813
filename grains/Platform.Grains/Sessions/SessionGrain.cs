using Microsoft.Extensions.Logging;
using Platform.Grains.Alerts;
using Platform.Grains.Tenancy;

namespace Platform.Grains.Sessions;

// Type name fixed so that renaming the class keeps calls from API instances of the previous version working. No
// [OnFailure]: a failed call (the user's alerts grain did not answer) says nothing about the session's memory, so the
// supervisor's default, resume, is right.
[GrainType("session")]
internal sealed class SessionGrain(TimeProvider time, ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    /// <summary>
    /// How often an open session checks for its heartbeat. Short beside <see cref="AlertTerms.LeaseDuration"/>, so a dead
    /// API instance's sessions are gone soon after their lease; one timer tick per session every few seconds is cheap.
    /// </summary>
    public static readonly TimeSpan ExpiryCheckInterval = TimeSpan.FromSeconds(10);

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

        // KeepAlive: a session of a dead API instance hears no calls, yet must live until it has disconnected.
        _expiryCheck ??= this.RegisterGrainTimer(CheckExpiry, new GrainTimerCreationOptions(ExpiryCheckInterval, ExpiryCheckInterval) { KeepAlive = true });
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

    public Task Close() => End();

    private async Task CheckExpiry(CancellationToken cancellationToken)
    {
        if (_open is not { } open || time.GetUtcNow() - open.LastHeartbeat < AlertTerms.LeaseDuration)
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
