using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Platform.CodeGenerator.Models;

namespace Platform.CodeGenerator;

/// <summary>Turns a grain class symbol into the model of its activator: which constructor to call and how to fill each parameter.</summary>
internal static class GrainClassAnalyzer
{
    public static GrainResult? Analyze(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class
            || type.IsAbstract
            || type.IsStatic
            || KnownTypes.IsInGenericContext(type)
            || !KnownTypes.DerivesFromGrain(type))
        {
            return null;
        }

        var fullName = Naming.DisplayName(type);
        if (!KnownTypes.IsAccessibleInAssembly(type))
        {
            return Failed(DiagnosticInfo.Create(Diagnostics.InaccessibleGrainClass, type, fullName));
        }

        var constructor = PickConstructor(type);
        if (constructor is null)
        {
            return Failed(DiagnosticInfo.Create(Diagnostics.NoAccessibleConstructor, type, fullName));
        }

        var diagnostics = new List<DiagnosticInfo>();
        var arguments = new List<ActivatorArgument>(constructor.Parameters.Length);
        foreach (var parameter in constructor.Parameters)
        {
            if (parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ByRefConstructorParameter, parameter, fullName, parameter.Name));
                continue;
            }

            var argument = GetArgument(parameter, fullName, diagnostics);
            if (argument is not null)
            {
                arguments.Add(argument);
            }
        }

        return diagnostics.Count > 0
            ? new GrainResult(null, diagnostics.ToEquatableArray())
            : new GrainResult(new GrainModel(fullName, Naming.TypeName(type), arguments.ToEquatableArray()), EquatableArray<DiagnosticInfo>.Empty);
    }

    private static GrainResult Failed(DiagnosticInfo diagnostic) => new(null, new[] { diagnostic }.ToEquatableArray());

    private static IMethodSymbol? PickConstructor(INamedTypeSymbol type)
    {
        IMethodSymbol? best = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            var accessible = constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;
            if (accessible && (best is null || constructor.Parameters.Length > best.Parameters.Length))
            {
                best = constructor;
            }
        }

        return best;
    }

    private static ActivatorArgument? GetArgument(IParameterSymbol parameter, string grainName, List<DiagnosticInfo> diagnostics)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (!KnownTypes.IsAttribute(attribute, "Platform.Persistence", "PersistentStateAttribute"))
            {
                continue;
            }

            if (!KnownTypes.Is(parameter.Type, "Platform.Persistence", "IPersistentState", 1))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.InvalidPersistentStateParameter, parameter, grainName, parameter.Name, parameter.Type.ToDisplayString()));
                return null;
            }

            var args = attribute.ConstructorArguments;
            var stateName = args.Length > 0 ? args[0].Value as string : null;
            var storageName = args.Length > 1 ? args[1].Value as string : null;
            var stateType = ((INamedTypeSymbol)parameter.Type).TypeArguments[0];
            return new ActivatorArgument(ActivatorArgumentKind.PersistentState, Naming.TypeName(stateType), stateName ?? string.Empty, storageName);
        }

        if (KnownTypes.Is(parameter.Type, "Platform", "IGrainContext"))
        {
            return new ActivatorArgument(ActivatorArgumentKind.GrainContext, Naming.TypeName(parameter.Type), null, null);
        }

        // GetRequiredService<T> constrains T to notnull, so a nullable annotation on the parameter would be a warning.
        var serviceType = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        return new ActivatorArgument(ActivatorArgumentKind.Service, Naming.TypeName(serviceType), null, null);
    }
}
