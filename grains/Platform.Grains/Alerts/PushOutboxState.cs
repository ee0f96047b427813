namespace Platform.Grains.Alerts;

/// <summary>The stored form of one user's embedded push outbox (state name "push-outbox"): add field ids, never reuse them.</summary>
[GenerateSerializer]
[Alias("platform.alerts.PushOutboxState")]
internal sealed record PushOutboxState
{
    /// <summary>The latest <see cref="IPushOutboxGrain.Capacity"/> pushes, in sequence order.</summary>
    [Id(0)]
    public IReadOnlyList<Alert> Pushed { get; init; } = [];
}
