using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Grains.Escrow;
using Platform.Payments.Hosting;

namespace Platform.Payments.Simulated;

/// <summary>
/// Decides which simulated requests fail: first any fault a test scripted for the contract and step, then the
/// configured rates, rolled deterministically from the seed, the idempotency key and how often this silo sent it.
/// </summary>
internal sealed class SimulatedFaults(IOptions<PaymentsOptions> options)
{
    private readonly ConcurrentDictionary<(string Reference, PaymentStep Step), ConcurrentQueue<SimulatedFault>> _scripted = new();
    private readonly ConcurrentDictionary<string, int> _sends = new(StringComparer.Ordinal);

    /// <summary>Makes the next <paramref name="step"/> request for the contract <paramref name="reference"/> fail with <paramref name="fault"/>.</summary>
    public void Inject(string reference, PaymentStep step, SimulatedFault fault) =>
        _scripted.GetOrAdd((reference, step), _ => new ConcurrentQueue<SimulatedFault>()).Enqueue(fault);

    public SimulatedFault? Next(string reference, PaymentStep step, string idempotencyKey) =>
        _scripted.TryGetValue((reference, step), out var queue) && queue.TryDequeue(out var scripted) ? scripted : Roll(idempotencyKey);

    private SimulatedFault? Roll(string idempotencyKey)
    {
        var simulated = options.Value.Simulated;
        if (simulated.TimeoutAfterPerformingRate == 0 && simulated.UnavailableRate == 0)
        {
            return null;
        }

        var send = _sends.AddOrUpdate(idempotencyKey, 1, (_, sends) => sends + 1);
        var roll = Uniform($"{simulated.Seed}/{idempotencyKey}/{send}");
        return roll < simulated.UnavailableRate ? SimulatedFault.UnavailableBeforePerforming
            : roll < simulated.UnavailableRate + simulated.TimeoutAfterPerformingRate ? SimulatedFault.TimeoutAfterPerforming
            : null;
    }

    // FNV-1a, then a MurmurHash3 finalizer to spread keys that differ in their last characters: stable across
    // processes and runs, unlike string.GetHashCode.
    private static double Uniform(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash = (hash ^ (hash >> 33)) * 0xff51afd7ed558ccdUL;
        hash = (hash ^ (hash >> 33)) * 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return (hash >> 11) / (double)(1UL << 53);
    }
}
