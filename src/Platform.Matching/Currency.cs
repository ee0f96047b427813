namespace Platform.Matching;

/// <summary>Currency codes as the index compares them: three ASCII letters, upper case.</summary>
internal static class Currency
{
    public static bool IsCode(string? value) => value is { Length: 3 } && value.All(char.IsAsciiLetter);

    public static string Normalize(string value) => value.ToUpperInvariant();
}
