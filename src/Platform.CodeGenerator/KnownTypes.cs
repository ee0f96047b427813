using Microsoft.CodeAnalysis;

namespace Platform.CodeGenerator;

/// <summary>Recognises platform and BCL types by name: the generator must not depend on the assemblies that define them.</summary>
internal static class KnownTypes
{
    public static bool Is(ITypeSymbol? type, string ns, string name, int arity = 0)
    {
        if (type is not INamedTypeSymbol named || named.Name != name || named.Arity != arity || named.ContainingType is not null)
        {
            return false;
        }

        return IsNamespace(named.ContainingNamespace, ns);
    }

    public static bool IsAttribute(AttributeData attribute, string ns, string name) => Is(attribute.AttributeClass, ns, name);

    public static bool IsMarkerInterface(INamedTypeSymbol type) =>
        Is(type, "Platform", "IGrain")
        || Is(type, "Platform", "IGrainObserver")
        || Is(type, "Platform", "IAddressable")
        || Is(type, "Platform", "IGrainWithGuidKey")
        || Is(type, "Platform", "IGrainWithStringKey")
        || Is(type, "Platform", "IGrainWithIntegerKey");

    public static bool IsGrainOrObserverInterface(INamedTypeSymbol type)
    {
        foreach (var baseInterface in type.AllInterfaces)
        {
            if (Is(baseInterface, "Platform", "IGrain") || Is(baseInterface, "Platform", "IGrainObserver"))
            {
                return true;
            }
        }

        return false;
    }

    public static bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (Is(current, "Platform", "Grain"))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsCancellationToken(ITypeSymbol type) => Is(type, "System.Threading", "CancellationToken");

    /// <summary>Whether code in another namespace of the same assembly can name the type.</summary>
    public static bool IsAccessibleInAssembly(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return false;
            }

            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Public:
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    public static bool IsInGenericContext(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNamespace(INamespaceSymbol? symbol, string ns)
    {
        var end = ns.Length;
        while (symbol is not null && !symbol.IsGlobalNamespace)
        {
            var start = ns.LastIndexOf('.', end - 1) + 1;
            if (end - start != symbol.Name.Length || string.CompareOrdinal(ns, start, symbol.Name, 0, symbol.Name.Length) != 0)
            {
                return false;
            }

            symbol = symbol.ContainingNamespace;
            end = start - 1;
            if (end < 0)
            {
                return symbol is null || symbol.IsGlobalNamespace;
            }
        }

        return false;
    }
}
