using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.CodeGenerator;

namespace Platform.CodeGenerator.Tests;

/// <summary>Compiles source snippets against the running platform plus Platform.Abstractions and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation CreateCompilation(string source, string assemblyName = "Sample.Grains") =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Sample.cs")],
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // The SDK silences assembly-unification notices the same way.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new GrainGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorResult Run(string source, string assemblyName = "Sample.Grains")
    {
        var compilation = CreateCompilation(source, assemblyName);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = driver.GetRunResult();
        run.Results.Length.ShouldBe(1);
        run.Results[0].Exception.ShouldBeNull();
        return new GeneratorResult(output, run.Diagnostics, run.GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.ToString()));
    }

    /// <summary>Emits the compilation and loads it, so tests can call the generated code.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        emit.Success.ShouldBeTrue(string.Join(Environment.NewLine, emit.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }

    public static IReadOnlyList<Diagnostic> WarningsAndErrors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        paths.Add(typeof(Grain).Assembly.Location);
        paths.Add(typeof(ServiceProviderServiceExtensions).Assembly.Location);
        paths.Add(typeof(ILogger).Assembly.Location);

        // The test host lists its own dependencies too; one reference per assembly name keeps the compiler from seeing duplicates.
        return paths
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(group => (MetadataReference)MetadataReference.CreateFromFile(group.First()))
            .ToImmutableArray();
    }
}

internal sealed record GeneratorResult(Compilation Output, ImmutableArray<Diagnostic> Diagnostics, Dictionary<string, string> Sources)
{
    public string AllSources => string.Join("\n", Sources.Values);
}
