using System.Globalization;
using Platform.Grains.Freelancers;
using Platform.Grains.Matching;

namespace Platform.Matching;

/// <summary>
/// One freelancer as both indexes store it: validated, labels and currency normalised, availability windows sorted and
/// merged where they touch or overlap (as PostgreSQL's multiranges merge them), the embedding copied.
/// </summary>
internal sealed record MatchRow(
    string TenantId,
    string FreelancerId,
    float[] Embedding,
    string[] Skills,
    string[] Certifications,
    decimal HourlyRate,
    string Currency,
    double Latitude,
    double Longitude,
    AvailabilityWindow[] Availability)
{
    /// <exception cref="ArgumentException">A field of the document or the embedding is malformed; the message names it.</exception>
    public static MatchRow From(FreelancerMatchDocument document, ReadOnlyMemory<float> embedding, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrWhiteSpace(document.TenantId))
        {
            throw new ArgumentException("Match document tenant id must not be empty.", nameof(document));
        }

        if (string.IsNullOrWhiteSpace(document.FreelancerId))
        {
            throw new ArgumentException("Match document freelancer id must not be empty.", nameof(document));
        }

        if (document.HourlyRate < 0)
        {
            throw new ArgumentException(
                $"Match document hourly rate must not be negative; it is {document.HourlyRate.ToString(CultureInfo.InvariantCulture)}.", nameof(document));
        }

        if (!Matching.Currency.IsCode(document.Currency))
        {
            throw new ArgumentException(
                $"Match document currency must be a three-letter ISO 4217 code such as EUR; it is '{document.Currency}'.", nameof(document));
        }

        if (!(document.Latitude >= -90 && document.Latitude <= 90))
        {
            throw new ArgumentException(
                $"Match document latitude must be between -90 and 90; it is {document.Latitude.ToString(CultureInfo.InvariantCulture)}.", nameof(document));
        }

        if (!(document.Longitude >= -180 && document.Longitude <= 180))
        {
            throw new ArgumentException(
                $"Match document longitude must be between -180 and 180; it is {document.Longitude.ToString(CultureInfo.InvariantCulture)}.", nameof(document));
        }

        return new MatchRow(
            document.TenantId,
            document.FreelancerId,
            CheckEmbedding(embedding, dimensions),
            Labels.Normalize(document.Skills, "Match document skill"),
            Labels.Normalize(document.Certifications, "Match document certification"),
            document.HourlyRate,
            Matching.Currency.Normalize(document.Currency),
            document.Latitude,
            document.Longitude,
            MergeWindows(document.Availability));
    }

    /// <exception cref="ArgumentException">The embedding has the wrong length, a non-finite component, or no direction.</exception>
    public static float[] CheckEmbedding(ReadOnlyMemory<float> embedding, int dimensions)
    {
        if (embedding.Length != dimensions)
        {
            throw new ArgumentException(
                $"The embedding has {embedding.Length} dimensions; the match index holds {dimensions} (Matching:Dimensions).", nameof(embedding));
        }

        var vector = embedding.ToArray();
        var squares = 0d;
        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ArgumentException($"Embedding component #{i} is {vector[i].ToString(CultureInfo.InvariantCulture)}; every component must be finite.", nameof(embedding));
            }

            squares += vector[i] * (double)vector[i];
        }

        if (squares == 0)
        {
            throw new ArgumentException("The embedding is the zero vector, which has no direction to compare by cosine.", nameof(embedding));
        }

        return vector;
    }

    private static AvailabilityWindow[] MergeWindows(IReadOnlyList<AvailabilityWindow>? windows)
    {
        if (windows is null || windows.Count == 0)
        {
            return [];
        }

        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i] ?? throw new ArgumentException($"Match document availability window #{i + 1} is missing.", "document");
            if (window.Start >= window.End)
            {
                throw new ArgumentException(
                    $"Match document availability window #{i + 1} must start before it ends; it runs from {window.Start:O} to {window.End:O}.",
                    "document");
            }
        }

        var merged = new List<AvailabilityWindow>();
        foreach (var window in windows.OrderBy(window => window.Start))
        {
            if (merged.Count > 0 && window.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = last with { End = window.End > last.End ? window.End.ToUniversalTime() : last.End };
            }
            else
            {
                merged.Add(new AvailabilityWindow(window.Start.ToUniversalTime(), window.End.ToUniversalTime()));
            }
        }

        return [.. merged];
    }
}
