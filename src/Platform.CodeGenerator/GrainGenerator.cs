using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Platform.CodeGenerator.Models;

namespace Platform.CodeGenerator;

/// <summary>
/// Emits, for the assembly being compiled, a proxy and request classes per grain or observer interface, an activator per
/// grain class, and the GeneratedCodeProvider that registers them with the runtime.
/// </summary>
/// <remarks>
/// Grains are recognised by their base types, not by an attribute, so ForAttributeWithMetadataName does not apply; the
/// syntax filter keeps the semantic work to type declarations with a base list.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class GrainGenerator : IIncrementalGenerator
{
    public const string InterfaceModelsStep = "InterfaceModels";
    public const string GrainModelsStep = "GrainModels";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var interfaceResults = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                static (syntax, cancellationToken) => GetPrimaryDeclaration(syntax, cancellationToken) is { } type
                    ? InterfaceAnalyzer.Analyze(type, cancellationToken)
                    : null)
            .Where(static result => result is not null)
            .Select(static (result, _) => result!);

        var grainResults = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                static (syntax, cancellationToken) => GetPrimaryDeclaration(syntax, cancellationToken) is { } type
                    ? GrainClassAnalyzer.Analyze(type)
                    : null)
            .Where(static result => result is not null)
            .Select(static (result, _) => result!);

        context.RegisterSourceOutput(interfaceResults.Select(static (result, _) => result.Diagnostics), ReportDiagnostics);
        context.RegisterSourceOutput(grainResults.Select(static (result, _) => result.Diagnostics), ReportDiagnostics);

        // Models carry no locations, so an edit that only moves a declaration leaves them equal and their outputs cached.
        var interfaces = interfaceResults
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(InterfaceModelsStep);
        var grains = grainResults
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(GrainModelsStep);

        var generatedNamespace = context.CompilationProvider.Select(static (compilation, _) => Naming.GeneratedNamespace(compilation.AssemblyName));

        context.RegisterSourceOutput(interfaces.Combine(generatedNamespace), static (output, pair) =>
            output.AddSource(pair.Left.HintName + ".g.cs", ProxyEmitter.Emit(pair.Left, pair.Right)));

        var all = interfaces.Collect().Combine(grains.Collect()).Combine(generatedNamespace);
        context.RegisterSourceOutput(all, static (output, input) =>
        {
            var ((interfaceModels, grainModels), ns) = input;
            if (interfaceModels.IsEmpty && grainModels.IsEmpty)
            {
                return;
            }

            output.AddSource(ProviderEmitter.ClassName + ".g.cs", ProviderEmitter.Emit(Sort(interfaceModels), Sort(grainModels), ns));
        });
    }

    /// <summary>
    /// The symbol of a partial type is analysed from one declaration only, the first with a base list, so it is
    /// emitted once however many parts it has.
    /// </summary>
    private static INamedTypeSymbol? GetPrimaryDeclaration(GeneratorSyntaxContext syntax, CancellationToken cancellationToken)
    {
        if (syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, cancellationToken) is not INamedTypeSymbol type)
        {
            return null;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList: not null } declaration)
            {
                return declaration == syntax.Node ? type : null;
            }
        }

        return null;
    }

    private static void ReportDiagnostics(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    // The provider must not depend on the order in which syntax trees were passed to the compiler.
    private static ImmutableArray<InterfaceModel> Sort(ImmutableArray<InterfaceModel> models) =>
        models.OrderBy(static model => model.FullName, System.StringComparer.Ordinal).ToImmutableArray();

    private static ImmutableArray<GrainModel> Sort(ImmutableArray<GrainModel> models) =>
        models.OrderBy(static model => model.FullName, System.StringComparer.Ordinal).ToImmutableArray();
}
