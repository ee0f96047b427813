using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Platform.CodeGenerator;

internal static class Naming
{
    /// <summary>Fully qualified with <c>global::</c> and nullable annotations, so emitted signatures match the interface exactly.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat NameFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    public static string TypeName(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>The name the runtime reports, e.g. "MyApp.Outer.IJobGrain".</summary>
    public static string DisplayName(ITypeSymbol type) => type.ToDisplayString(NameFormat);

    /// <summary>Namespace, containing types and name as in metadata ("MyApp.Outer+IJobGrain"): unique per assembly.</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            name = containing.MetadataName + "+" + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    /// <summary>
    /// Maps a name to identifier characters injectively: every escape starts with '_' and is told apart by its second
    /// character, so two different interfaces never get the same generated class name.
    /// </summary>
    public static string Escape(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            // Format characters are dropped when identifiers are compared, so they could make two names collide.
            if (c < 128
                ? char.IsLetterOrDigit(c)
                : SyntaxFacts.IsIdentifierPartCharacter(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(c switch
                {
                    '.' => "__",
                    '+' => "_0",
                    '_' => "_1",
                    _ => "_x" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                });
            }
        }

        return builder.ToString();
    }

    /// <summary>The namespace of all generated types: assembly names may contain any character, so they are sanitized.</summary>
    public static string GeneratedNamespace(string? assemblyName)
    {
        var builder = new StringBuilder("PlatformGenerated.");
        var start = builder.Length;
        foreach (var c in assemblyName ?? string.Empty)
        {
            builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
        }

        if (builder.Length == start || !SyntaxFacts.IsIdentifierStartCharacter(builder[start]))
        {
            builder.Insert(start, '_');
        }

        var segment = builder.ToString(start, builder.Length - start);
        return SyntaxFacts.GetKeywordKind(segment) != SyntaxKind.None ? "PlatformGenerated.@" + segment : builder.ToString();
    }

    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string Literal(string? value) =>
        value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);
}
