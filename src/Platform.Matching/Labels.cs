namespace Platform.Matching;

/// <summary>
/// Skills and certifications as the index compares them: trimmed, lower case (invariant), without duplicates. Profiles
/// and jobs keep the user's spelling; matching ignores case, so "C#" required matches "c#" listed.
/// </summary>
internal static class Labels
{
    /// <param name="itemName">How the error message calls one entry, e.g. "Match query required skill".</param>
    /// <exception cref="ArgumentException">An entry is blank.</exception>
    public static string[] Normalize(IReadOnlyList<string>? items, string itemName)
    {
        if (items is null)
        {
            return [];
        }

        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(item))
            {
                throw new ArgumentException($"{itemName} #{i + 1} is empty.");
            }

            if (!result.Contains(item, StringComparer.Ordinal))
            {
                result.Add(item);
            }
        }

        return [.. result];
    }
}
