using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Grains.Escrow;

namespace Platform.Payments.Simulated;

/// <summary>
/// Performs simulated payment requests with Stripe's rules: a key seen before replays its first answer (a refusal
/// too) and counts the repeat; a key reused with other parameters is refused; an intent is captured once; a transfer
/// needs a connected account "acct_..."; refunds never exceed what was captured. The payment method
/// "pm_card_chargeDeclined" is declined, as in Stripe's test mode. Every answer is written to storage before it is
/// returned, so what the caller learns is what the record says.
/// </summary>
[GrainType("simulated-payments")]
internal sealed class SimulatedProcessorGrain([PersistentState("simulated-payments")] IPersistentState<SimulatedProcessorState> state)
    : Grain, ISimulatedProcessorGrain
{
    /// <summary>Stripe's test payment method whose charges are declined.</summary>
    public const string DeclinedPaymentMethod = "pm_card_chargeDeclined";

    public async Task<PaymentAuthorization> Authorize(AuthorizePaymentRequest request)
    {
        var fingerprint = Fingerprint(request.Amount, request.Currency, request.PaymentMethodId);
        var operation = await Perform(PaymentStep.Authorize, request.IdempotencyKey, fingerprint, () =>
        {
            if (request.PaymentMethodId == DeclinedPaymentMethod)
            {
                return Refused("card_declined");
            }

            var id = NextId("pi");
            state.State.Intents[id] = new SimulatedIntent(request.Amount, request.Currency, Captured: 0, Refunded: 0);
            return (id, request.Amount, null);
        });
        return new PaymentAuthorization(operation.ObjectId!, operation.Amount);
    }

    public async Task<PaymentCapture> Capture(CapturePaymentRequest request)
    {
        var fingerprint = Fingerprint(request.PaymentIntentId, request.Amount);
        var operation = await Perform(PaymentStep.Capture, request.IdempotencyKey, fingerprint, () =>
        {
            if (!state.State.Intents.TryGetValue(request.PaymentIntentId, out var intent))
            {
                return Refused("resource_missing");
            }

            if (intent.Captured > 0 || request.Amount > intent.Amount)
            {
                return Refused("payment_intent_unexpected_state");
            }

            state.State.Intents[request.PaymentIntentId] = intent with { Captured = request.Amount };
            return (request.PaymentIntentId, request.Amount, null);
        });
        return new PaymentCapture(operation.ObjectId!, operation.Amount);
    }

    public async Task<FundsTransfer> Transfer(TransferFundsRequest request)
    {
        var fingerprint = Fingerprint(request.Amount, request.Currency, request.DestinationAccountId);
        var operation = await Perform(PaymentStep.Transfer, request.IdempotencyKey, fingerprint, () =>
            request.DestinationAccountId.StartsWith("acct_", StringComparison.Ordinal)
                ? (NextId("tr"), request.Amount, null)
                : Refused("account_invalid"));
        return new FundsTransfer(operation.ObjectId!, operation.Amount);
    }

    public async Task<PaymentRefund> Refund(RefundPaymentRequest request)
    {
        var fingerprint = Fingerprint(request.PaymentIntentId, request.Amount);
        var operation = await Perform(PaymentStep.Refund, request.IdempotencyKey, fingerprint, () =>
        {
            if (!state.State.Intents.TryGetValue(request.PaymentIntentId, out var intent))
            {
                return Refused("resource_missing");
            }

            if (intent.Captured == 0 || intent.Refunded + request.Amount > intent.Captured)
            {
                return Refused("charge_already_refunded");
            }

            state.State.Intents[request.PaymentIntentId] = intent with { Refunded = intent.Refunded + request.Amount };
            return (NextId("re"), request.Amount, null);
        });
        return new PaymentRefund(operation.ObjectId!, operation.Amount);
    }

    public Task<IReadOnlyList<SimulatedOperation>> GetOperations() =>
        Task.FromResult<IReadOnlyList<SimulatedOperation>>(state.State.Operations.Values.OrderBy(operation => operation.IdempotencyKey, StringComparer.Ordinal).ToArray());

    private static (string? ObjectId, long Amount, string? RefusalCode) Refused(string code) => (null, 0, code);

    private async Task<SimulatedOperation> Perform(
        PaymentStep step,
        string idempotencyKey,
        string fingerprint,
        Func<(string? ObjectId, long Amount, string? RefusalCode)> perform)
    {
        SimulatedOperation operation;
        if (state.State.Operations.TryGetValue(idempotencyKey, out var earlier))
        {
            if (earlier.Step != step || earlier.Fingerprint != fingerprint)
            {
                throw new PaymentRefusedException(
                    step, idempotencyKey, "idempotency_error", $"the key was first used for {earlier.Step} with other parameters ({earlier.Fingerprint}, now {fingerprint})");
            }

            operation = earlier with { Requests = earlier.Requests + 1 };
        }
        else
        {
            var (objectId, amount, refusal) = perform();
            operation = new SimulatedOperation(idempotencyKey, step, fingerprint, objectId, amount, refusal, Requests: 1);
        }

        // The books change only together with the record of the request that changed them; a failed write leaves
        // both as stored, and the activation is discarded so the next request starts from the stored books.
        state.State.Operations[idempotencyKey] = operation;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        return operation.RefusalCode is { } code
            ? throw new PaymentRefusedException(step, idempotencyKey, code, "refused by the simulated processor")
            : operation;
    }

    // Ids are unique across contracts (the grain key is hashed in) and the same on every rerun.
    private string NextId(string prefix)
    {
        var contract = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(this.GetPrimaryKeyString())))[..12];
        return $"{prefix}_sim_{contract}_{++state.State.Sequence}";
    }

    private static string Fingerprint(params object[] parameters) =>
        string.Join('|', parameters.Select(parameter => Convert.ToString(parameter, CultureInfo.InvariantCulture)));
}
