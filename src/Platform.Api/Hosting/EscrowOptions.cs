namespace Platform.Api.Hosting;

/// <summary>How the API sets the terms of the contracts it creates, section <c>Api:Escrow</c>.</summary>
public sealed class EscrowOptions
{
    /// <summary>The platform's share of a contract's amount, in percent (0 to 50), kept when the escrow is released.</summary>
    public decimal PlatformFeePercent { get; set; } = 10;

    /// <summary>The platform fee on <paramref name="amount"/> minor units, rounded down to a whole minor unit.</summary>
    public long FeeOn(long amount) => (long)Math.Floor(amount * PlatformFeePercent / 100m);
}
