using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Platform.CodeGenerator.Models;

namespace Platform.CodeGenerator;

/// <summary>Turns a grain or observer interface symbol into an equatable model, or into the diagnostics that prevent it.</summary>
internal static class InterfaceAnalyzer
{
    public static InterfaceResult? Analyze(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Interface || KnownTypes.IsMarkerInterface(type) || !KnownTypes.IsGrainOrObserverInterface(type))
        {
            return null;
        }

        var fullName = Naming.DisplayName(type);
        var diagnostics = new List<DiagnosticInfo>();
        if (KnownTypes.IsInGenericContext(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.GenericInterface, type, fullName));
            return new InterfaceResult(null, diagnostics.ToEquatableArray());
        }

        if (!KnownTypes.IsAccessibleInAssembly(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InaccessibleInterface, type, fullName));
        }

        var methods = new List<IMethodSymbol>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        CollectMembers(type, type, fullName, methods, seen, diagnostics);
        foreach (var baseInterface in type.AllInterfaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!KnownTypes.IsMarkerInterface(baseInterface))
            {
                CollectMembers(type, baseInterface, fullName, methods, seen, diagnostics);
            }
        }

        var escapedName = Naming.Escape(Naming.MetadataName(type));
        var overloads = new Dictionary<string, int>();
        var models = new List<MethodModel>(methods.Count);
        foreach (var method in methods)
        {
            overloads.TryGetValue(method.Name, out var overloadIndex);
            overloads[method.Name] = overloadIndex + 1;
            var requestClassName = "Request_" + escapedName + "__" + Naming.Escape(method.Name) + "_" + overloadIndex.ToString(CultureInfo.InvariantCulture);
            var model = MethodAnalyzer.Analyze(type, fullName, method, requestClassName, diagnostics);
            if (model is not null)
            {
                models.Add(model);
            }
        }

        if (diagnostics.Count > 0)
        {
            return new InterfaceResult(null, diagnostics.ToEquatableArray());
        }

        var interfaceModel = new InterfaceModel(
            fullName,
            Naming.TypeName(type),
            "Proxy_" + escapedName,
            escapedName,
            models.ToEquatableArray());
        return new InterfaceResult(interfaceModel, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static void CollectMembers(
        INamedTypeSymbol grainInterface,
        INamedTypeSymbol declaringInterface,
        string fullName,
        List<IMethodSymbol> methods,
        HashSet<IMethodSymbol> seen,
        List<DiagnosticInfo> diagnostics)
    {
        foreach (var member in declaringInterface.GetMembers())
        {
            // Static members with a body are ordinary helpers; only abstract or virtual statics are part of the contract.
            if (member.IsStatic && !member.IsAbstract && !member.IsVirtual)
            {
                continue;
            }

            var kind = member switch
            {
                IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method => AddMethod(method),
                IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.UserDefinedOperator or MethodKind.Conversion } => "static abstract method",
                IPropertySymbol { IsIndexer: true } => "indexer",
                IPropertySymbol => "property",
                IEventSymbol => "event",
                _ => null,
            };

            if (kind is not null)
            {
                var location = SymbolEqualityComparer.Default.Equals(grainInterface, declaringInterface) ? member : grainInterface;
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedMember, location, fullName, member.Name, kind));
            }
        }

        string? AddMethod(IMethodSymbol method)
        {
            if (seen.Add(method))
            {
                methods.Add(method);
            }

            return null;
        }
    }
}
