namespace Platform.Grains.Validation;

/// <summary>Cleans the lists of short labels (skills, certifications) that profiles and jobs carry.</summary>
internal static class TextList
{
    /// <summary>
    /// Trims each entry and drops later duplicates that differ only in case: matching freelancers to jobs compares
    /// labels case-insensitively, so "C#" and " c#" would otherwise count twice. A blank entry is refused rather than
    /// dropped because it usually means the caller mis-built the list.
    /// </summary>
    /// <param name="itemName">How the error message calls one entry, e.g. "Required skill".</param>
    public static string[] Normalize(IReadOnlyList<string>? items, string itemName)
    {
        if (items is null)
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]?.Trim();
            if (string.IsNullOrEmpty(item))
            {
                throw new ArgumentException($"{itemName} #{i + 1} is empty.");
            }

            if (seen.Add(item))
            {
                result.Add(item);
            }
        }

        return [.. result];
    }
}
