using System.Collections.Concurrent;
using Platform.Grains.Matching;

namespace Platform.Matching;

/// <summary>
/// The candidate index in this process's memory: the embedded default, for one silo and for tests. It applies the
/// same hard filters as the PostgreSQL index and ranks by exact cosine similarity over every row that passes them, so
/// it is the reference the approximate index is measured against. A search scans all rows of the tenant: fine for
/// thousands of freelancers, not for a marketplace of millions (that is what the PostgreSQL index is for).
/// </summary>
internal sealed class InMemoryFreelancerMatchIndex(int dimensions) : IFreelancerMatchIndex
{
    // Rows are immutable and replaced whole, so readers never see a half-written row and need no lock.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, MatchRow>> _tenants = new(StringComparer.Ordinal);

    public int Dimensions { get; } = dimensions;

    public Task UpsertAsync(FreelancerMatchDocument document, ReadOnlyMemory<float> embedding, CancellationToken cancellationToken = default)
    {
        var row = MatchRow.From(document, embedding, Dimensions);
        _tenants.GetOrAdd(row.TenantId, _ => new ConcurrentDictionary<string, MatchRow>(StringComparer.Ordinal))[row.FreelancerId] = row;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string tenantId, string freelancerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(freelancerId);
        return Task.FromResult(_tenants.TryGetValue(tenantId, out var rows) && rows.TryRemove(freelancerId, out _));
    }

    public Task<IReadOnlyList<MatchCandidate>> SearchAsync(MatchQuery query, ReadOnlyMemory<float> embedding, CancellationToken cancellationToken = default)
    {
        MatchQueryValidator.ThrowIfInvalid(query);
        var target = MatchRow.CheckEmbedding(embedding, Dimensions);
        if (!_tenants.TryGetValue(query.TenantId, out var rows))
        {
            return Task.FromResult<IReadOnlyList<MatchCandidate>>([]);
        }

        var skills = Labels.Normalize(query.RequiredSkills, "Match query required skill");
        var certifications = Labels.Normalize(query.RequiredCertifications, "Match query required certification");
        var currency = Currency.Normalize(query.Currency);
        var targetNorm = Math.Sqrt(Dot(target, target));
        var candidates = new List<MatchCandidate>();
        foreach (var row in rows.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.HourlyRate < query.WageMin || row.HourlyRate > query.WageMax
                || !string.Equals(row.Currency, currency, StringComparison.Ordinal)
                || !skills.All(skill => row.Skills.Contains(skill, StringComparer.Ordinal))
                || !certifications.All(certification => row.Certifications.Contains(certification, StringComparer.Ordinal))
                || !row.Availability.Any(window => window.Start <= query.ShiftStart && window.End >= query.ShiftEnd))
            {
                continue;
            }

            var distance = GreatCircle.DistanceKm(query.Latitude, query.Longitude, row.Latitude, row.Longitude);
            if (distance > query.RadiusKm)
            {
                continue;
            }

            var similarity = Dot(target, row.Embedding) / (targetNorm * Math.Sqrt(Dot(row.Embedding, row.Embedding)));
            candidates.Add(new MatchCandidate(row.FreelancerId, similarity, distance, row.HourlyRate));
        }

        IReadOnlyList<MatchCandidate> ranked = candidates
            .OrderByDescending(candidate => candidate.Similarity)
            .ThenBy(candidate => candidate.FreelancerId, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToArray();
        return Task.FromResult(ranked);
    }

    private static double Dot(float[] left, float[] right)
    {
        var sum = 0d;
        for (var i = 0; i < left.Length; i++)
        {
            sum += left[i] * (double)right[i];
        }

        return sum;
    }
}
