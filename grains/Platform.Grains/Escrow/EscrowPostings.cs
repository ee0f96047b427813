using System.Diagnostics.CodeAnalysis;
using Platform.EventSourcing;
using Platform.Grains.Tenancy;
using Platform.Payments.Ledger;

namespace Platform.Grains.Escrow;

/// <summary>
/// The ledger rules: which escrow events move money, and the balanced posting each makes. A posting credits the account
/// money leaves and debits the one it reaches.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>FundsCaptured</term><description>credit client-funds:client, debit escrow-holding:contract (amount)</description></item>
/// <item><term>FundsReleased</term><description>credit escrow-holding:contract (amount); debit freelancer-payable:freelancer (payout), platform-fee:tenant (fee)</description></item>
/// <item><term>FundsRefunded</term><description>credit escrow-holding:contract, debit client-funds:client (amount)</description></item>
/// </list>
/// </remarks>
internal static class EscrowPostings
{
    /// <summary>How the escrow grain's streams are named in the journal: its grain id, "escrow/tenant/contract-id".</summary>
    private const string StreamPrefix = "escrow/";

    public static bool TryDerive(RecordedEvent recorded, [NotNullWhen(true)] out LedgerPosting? posting)
    {
        posting = null;
        if (!recorded.StreamId.StartsWith(StreamPrefix, StringComparison.Ordinal)
            || !EventSerializer<EscrowEvent>.Default.TryDeserialize(recorded, out var @event))
        {
            return false;
        }

        var contract = TenantKey.Parse(recorded.StreamId[StreamPrefix.Length..]);
        var holding = new LedgerAccount(LedgerAccountKind.EscrowHolding, contract.Id);
        LedgerPostingBuilder Posting(string currency) => new($"{recorded.StreamId}@{recorded.Version}", contract.TenantId, currency, recorded.Position);
        posting = @event switch
        {
            FundsCaptured captured => Posting(captured.Currency)
                .Credit(new LedgerAccount(LedgerAccountKind.ClientFunds, captured.ClientId), captured.Amount)
                .Debit(holding, captured.Amount)
                .Build(),
            FundsReleased released => Posting(released.Currency)
                .Credit(holding, released.Payout + released.PlatformFee)
                .Debit(new LedgerAccount(LedgerAccountKind.FreelancerPayable, released.FreelancerId), released.Payout)
                .Debit(new LedgerAccount(LedgerAccountKind.PlatformFee, contract.TenantId), released.PlatformFee)
                .Build(),
            FundsRefunded refunded => Posting(refunded.Currency)
                .Credit(holding, refunded.Amount)
                .Debit(new LedgerAccount(LedgerAccountKind.ClientFunds, refunded.ClientId), refunded.Amount)
                .Build(),
            _ => null,
        };
        return posting is not null;
    }
}
