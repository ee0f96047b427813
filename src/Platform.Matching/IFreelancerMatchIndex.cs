using Platform.Grains.Matching;

namespace Platform.Matching;

/// <summary>
/// The candidate index: one row per (tenant, freelancer) with its embedding and filter fields. Every operation is scoped
/// to one tenant; nothing reads or changes another tenant's rows.
/// </summary>
public interface IFreelancerMatchIndex
{
    /// <summary>Inserts or replaces the freelancer's row.</summary>
    Task UpsertAsync(FreelancerMatchDocument document, ReadOnlyMemory<float> embedding, CancellationToken cancellationToken = default);

    /// <summary>Deletes the freelancer's row (GDPR erasure, profile deleted); returns whether there was one.</summary>
    Task<bool> RemoveAsync(string tenantId, string freelancerId, CancellationToken cancellationToken = default);

    /// <summary>The rows that pass every hard filter of <paramref name="query"/>, most similar to <paramref name="embedding"/> first.</summary>
    Task<IReadOnlyList<MatchCandidate>> SearchAsync(MatchQuery query, ReadOnlyMemory<float> embedding, CancellationToken cancellationToken = default);
}
