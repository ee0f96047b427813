namespace Platform.Grains.Escrow;

/// <summary>
/// The fold of a contract's escrow events. Copied by Orleans and stored as JSON in journal snapshots: field ids and
/// property names are the stored format.
/// </summary>
[GenerateSerializer]
[Alias("platform.escrow.EscrowState")]
internal sealed class EscrowState
{
    [Id(0)]
    public EscrowStatus Status { get; set; }

    [Id(1)]
    public EscrowTerms? Terms { get; set; }

    /// <summary>The authorized payment intent, from authorization until a refusal of its capture drops it.</summary>
    [Id(2)]
    public string? PaymentIntentId { get; set; }

    [Id(3)]
    public string? TransferId { get; set; }

    [Id(4)]
    public string? RefundId { get; set; }

    [Id(5)]
    public PendingPayment? Pending { get; set; }

    /// <summary>The payment method of a pending authorization, so that whoever resumes it sends the same request.</summary>
    [Id(6)]
    public string? PendingPaymentMethodId { get; set; }

    /// <summary>The last attempt number of each step that was requested.</summary>
    [Id(7)]
    public Dictionary<PaymentStep, int> Attempts { get; set; } = [];

    [Id(8)]
    public string? DeliverableId { get; set; }

    [Id(9)]
    public bool Approved { get; set; }

    [Id(10)]
    public DisputeReason? DisputeReason { get; set; }

    [Id(11)]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The version of the last event folded in: the stream's version, so an event can be named by it.</summary>
    [Id(12)]
    public long StreamVersion { get; set; }

    /// <summary>
    /// The outbox: money events (captured, released, refunded) whose parties are not told yet, by the version that
    /// recorded them; emptied by <see cref="PartiesNotified"/> (docs/escrow.md, "Notifications to the parties").
    /// </summary>
    [Id(13)]
    public Dictionary<long, EscrowEvent> Unannounced { get; set; } = [];
}
