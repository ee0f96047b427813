using Microsoft.Extensions.AI;
using Orleans.Concurrency;
using Platform.Matching;

namespace Platform.Grains.Matching;

// Stateless: every silo runs as many activations per tenant as the queries need, each next to its caller. The grain
// type is fixed like the stateful grains' so that renaming the class keeps its identity.
[GrainType("matching")]
[StatelessWorker]
internal sealed class MatchingGrain(IEmbeddingGenerator<string, Embedding<float>> embeddings, IFreelancerMatchIndex index)
    : Grain, IMatchingGrain
{
    public async Task<IReadOnlyList<MatchCandidate>> FindCandidates(MatchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = this.GetPrimaryKeyString();

        // The key is the tenant boundary: a caller holding tenant A's grain must not read tenant B's freelancers.
        if (!string.Equals(query.TenantId, tenantId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Match query tenant id '{query.TenantId}' differs from the tenant '{tenantId}' of this matching grain; ask the grain keyed by the query's tenant.",
                nameof(query));
        }

        MatchQueryValidator.ThrowIfInvalid(query);
        var embedding = await embeddings.GenerateVectorAsync(query.JobText);
        var candidates = await index.SearchAsync(query, embedding);

        // An array: Orleans has a codec for it whatever list type the index built.
        return candidates.ToArray();
    }
}
