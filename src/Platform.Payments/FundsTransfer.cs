namespace Platform.Payments;

[GenerateSerializer]
[Immutable]
[Alias("platform.payments.FundsTransfer")]
public sealed record FundsTransfer([property: Id(0)] string TransferId, [property: Id(1)] long Amount);
