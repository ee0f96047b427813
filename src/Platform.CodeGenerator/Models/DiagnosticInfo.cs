using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Platform.CodeGenerator.Models;

/// <summary>
/// A diagnostic with its location reduced to values: a <see cref="Location"/> holds its syntax tree, which would keep
/// every compilation alive and make pipeline outputs compare unequal on each run.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, ISymbol? locationSymbol, params string[] messageArgs) =>
        new(descriptor, LocationInfo.From(locationSymbol), messageArgs.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs.ToArrayOfObjects());
}

internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return null;
        }

        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource && location.SourceTree is not null)
            {
                return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
            }
        }

        return null;
    }

    public Location ToLocation() => Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);
}

internal static class MessageArgsExtensions
{
    public static object[] ToArrayOfObjects(this EquatableArray<string> args)
    {
        var result = new object[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            result[i] = args[i];
        }

        return result;
    }
}
