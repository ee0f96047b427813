using Microsoft.Extensions.DependencyInjection;
using Platform.EventSourcing;
using Platform.Payments.Ledger;

namespace Platform.Grains.Escrow;

/// <summary>
/// Follows the journal's global order from the ledger store's checkpoint and applies the postings of each page together
/// with the page's last position, in one store transaction. Idempotent and safe with a projection on every silo: an
/// apply whose checkpoint moved meanwhile changes nothing and this one reads on from the new checkpoint.
/// </summary>
internal sealed class EscrowLedgerProjection(IServiceProvider services, ILedgerStore store) : IDisposable
{
    private const int PageSize = 500;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Applies everything the journal holds now.</summary>
    /// <returns>The checkpoint reached.</returns>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken)
    {
        var journal = services.GetRequiredKeyedService<IEventJournal>(IEventJournal.DefaultName);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var checkpoint = await store.ReadCheckpointAsync(cancellationToken);
            while (true)
            {
                var page = await journal.ReadAllAsync(checkpoint, PageSize, cancellationToken);
                if (page.Count == 0)
                {
                    return checkpoint;
                }

                var postings = new List<LedgerPosting>();
                foreach (var recorded in page)
                {
                    if (EscrowPostings.TryDerive(recorded, out var posting))
                    {
                        postings.Add(posting);
                    }
                }

                checkpoint = await store.ApplyAsync(checkpoint, page[^1].Position, postings, cancellationToken)
                    ? page[^1].Position
                    : await store.ReadCheckpointAsync(cancellationToken);
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();
}
