using Orleans.Concurrency;
using Platform.Orleans.Resilience;

namespace Platform.Grains.Alerts;

/// <summary>
/// The embedded push outbox of one user, keyed "tenant/user-id": what the silo's default <see cref="IPushProvider"/>
/// would have sent to the user's phone, kept in grain storage (PostgreSQL in a cluster) so that a developer, an
/// operator or a test on any silo or client can see it. Empty when a real provider (FCM/APNs) is registered.
/// </summary>
[Alias("platform.alerts.IPushOutboxGrain")]
public interface IPushOutboxGrain : IGrainWithStringKey
{
    /// <summary>The latest <see cref="Capacity"/> pushes to keep: enough to see what an offline phone got.</summary>
    public const int Capacity = 100;

    /// <summary>Keeps <paramref name="alert"/> as pushed; an alert whose sequence is kept already changes nothing.</summary>
    [Idempotent]
    [Alias("Add")]
    Task Add(Alert alert);

    /// <summary>The kept pushes, oldest first.</summary>
    [ReadOnly]
    [Idempotent]
    [Alias("Latest")]
    Task<IReadOnlyList<Alert>> Latest();
}
