using System.Globalization;
using Platform.Grains.Notifications;
using Platform.Grains.Tenancy;

namespace Platform.Grains.Escrow;

/// <summary>
/// What the parties of a contract are told when its money moves: one notification to the freelancer and one to the
/// client for each money event. Ids derive from the contract and the event's version only, so publishing an event again
/// (after a crash before <see cref="PartiesNotified"/> was recorded) repeats the same ids and receivers drop the copies.
/// </summary>
/// <remarks>
/// A contract is keyed by its job's key (one contract per job, as the API creates them), so the payload names it as
/// both "contract" and "job". Amounts are in minor units; parties appear only as the recipients' keys.
/// </remarks>
internal static class EscrowAnnouncements
{
    /// <summary>Whether <paramref name="event"/> moves money, so that its parties are to be told.</summary>
    public static bool MovesMoney(EscrowEvent @event) => @event is FundsCaptured or FundsReleased or FundsRefunded;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="moneyEvent"/> moves no money (see <see cref="MovesMoney"/>).</exception>
    public static IEnumerable<Notification> Of(TenantKey contract, EscrowTerms terms, long version, EscrowEvent moneyEvent)
    {
        var (kind, currency, amounts) = Describe(moneyEvent);
        foreach (var party in new[] { terms.FreelancerId, terms.ClientId })
        {
            var recipient = TenantKey.Create(contract.TenantId, party).ToString();
            var payload = new Dictionary<string, string>
            {
                ["contract"] = contract.ToString(),
                ["job"] = contract.ToString(),
                ["currency"] = currency.ToUpperInvariant(),
            };
            foreach (var (field, value) in amounts)
            {
                payload[field] = value.ToString(CultureInfo.InvariantCulture);
            }

            yield return new Notification($"{contract}@{version}/{kind}/{recipient}", recipient, kind, payload, moneyEvent.At);
        }
    }

    private static (NotificationKind Kind, string Currency, (string Field, long Value)[] Amounts) Describe(EscrowEvent moneyEvent) => moneyEvent switch
    {
        FundsCaptured captured => (NotificationKind.EscrowFunded, captured.Currency, [("amount", captured.Amount)]),
        FundsReleased released => (
            NotificationKind.EscrowReleased,
            released.Currency,
            [("amount", released.Payout + released.PlatformFee), ("payout", released.Payout), ("platformFee", released.PlatformFee)]),
        FundsRefunded refunded => (NotificationKind.EscrowRefunded, refunded.Currency, [("amount", refunded.Amount)]),
        _ => throw new ArgumentOutOfRangeException(nameof(moneyEvent), moneyEvent, "only money events are announced"),
    };
}
