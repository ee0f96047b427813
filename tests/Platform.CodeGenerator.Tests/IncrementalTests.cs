using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Platform.CodeGenerator.Tests;

public sealed class IncrementalTests
{
    [Fact]
    public void Unrelated_edit_reuses_cached_models_and_outputs()
    {
        var compilation = GeneratorHarness.CreateCompilation(Samples.Realistic);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        first.GeneratedSources.Length.ShouldBe(11);

        var edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Unrelated { public static class Helper { public static int Twice(int x) => x * 2; } }", GeneratorHarness.ParseOptions, path: "Helper.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        second.GeneratedSources.Length.ShouldBe(11);
        AllOutputs(second, GrainGenerator.InterfaceModelsStep).Length.ShouldBe(10);
        AllOutputs(second, GrainGenerator.GrainModelsStep).Length.ShouldBe(3);
        AllOutputs(second, GrainGenerator.InterfaceModelsStep).ShouldAllBe(reason => reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged);
        AllOutputs(second, GrainGenerator.GrainModelsStep).ShouldAllBe(reason => reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged);
        second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs)
            .ShouldAllBe(output => output.Reason == IncrementalStepRunReason.Cached || output.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Edit_inside_an_interface_regenerates_it()
    {
        var compilation = GeneratorHarness.CreateCompilation(Samples.Realistic);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var newTree = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Samples.Realistic.Replace("Task<long> Increment(long by);", "Task<long> Increment(long by);\n        Task Decrement();"), System.Text.Encoding.UTF8));

        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, newTree)).GetRunResult().Results.Single();

        AllOutputs(result, GrainGenerator.InterfaceModelsStep).ShouldContain(IncrementalStepRunReason.Modified);
        result.GeneratedSources.Single(s => s.HintName.Contains("ICounterGrain", StringComparison.Ordinal)).SourceText.ToString().ShouldContain("Decrement");
    }

    private static IncrementalStepRunReason[] AllOutputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason).ToArray();
}
