namespace Platform.CodeGenerator.Tests;

public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Platform;
        using Platform.Persistence;

        """;

    // Each case also declares a valid interface, so the test shows that one bad interface does not stop the others.
    private const string Good = """

        namespace Good { public interface IGoodGrain : IGrainWithStringKey { Task Ok(); } }
        """;

    public static TheoryData<string, string, string> InterfaceCases => new()
    {
        { "PLAT001", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { Task Ok(); int Bad(); }" },
        { "PLAT001", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { System.Collections.Generic.IAsyncEnumerable<int> Bad(); }" },
        { "PLAT002", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { Task Bad(ref int x); }" },
        { "PLAT002", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { Task Bad(out int x); }" },
        { "PLAT002", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { Task Bad(in int x); }" },
        { "PLAT003", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { Task Bad<T>(T value); }" },
        { "PLAT004", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { int Bad { get; } }" },
        { "PLAT004", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { int this[int i] { get; } }" },
        { "PLAT004", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { event EventHandler Bad; }" },
        { "PLAT004", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { static abstract Task Bad(); }" },
        { "PLAT005", "IBadGrain", "public interface IBadGrain<T> : IGrainWithStringKey { Task<T> Get(); }" },
        { "PLAT006", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { [ResponseTimeout(\"soon\")] Task Bad(); }" },
        { "PLAT006", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { [ResponseTimeout(\"-00:00:01\")] Task Bad(); }" },
        { "PLAT006", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { [ResponseTimeout(\"00:00:00\")] Task Bad(); }" },
        { "PLAT007", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { Task Bad(CancellationToken a, CancellationToken b); }" },
        { "PLAT011", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { Task Bad(Span<int> values); }" },
        { "PLAT012", "IBadGrain", "public interface IBadGrain : IGrainWithStringKey { [OneWay] Task<int> Bad(); }" },
        { "PLAT013", "IBadGrain", "public class Holder { private interface IBadGrain : IGrainWithStringKey { Task Ok(); } }" },
        { "PLAT001", "IBadObserver", "public interface IBadObserver : IGrainObserver { string Bad(); }" },
    };

    public static TheoryData<string, string, string> GrainCases => new()
    {
        { "PLAT008", "BadGrain", "public sealed class BadGrain : Grain { private BadGrain() { } }" },
        { "PLAT009", "BadGrain", "public class Holder { private sealed class BadGrain : Grain { } }" },
        { "PLAT010", "BadGrain", "public sealed class BadGrain([PersistentState(\"s\")] string state) : Grain { public string State { get; } = state; }" },
        { "PLAT014", "BadGrain", "public sealed class BadGrain : Grain { public BadGrain(ref int x) { } }" },
    };

    [Theory]
    [MemberData(nameof(InterfaceCases))]
    public void Invalid_interface_reports_its_error_and_is_not_emitted(string id, string name, string declaration)
    {
        var result = GeneratorHarness.Run(Usings + "namespace Bad { " + declaration + " }" + Good);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(id);
        diagnostic.Severity.ShouldBe(Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(name);
        result.AllSources.ShouldNotContain(name);
        result.Sources["GeneratedCodeProvider.g.cs"].ShouldContain("global::Good.IGoodGrain");
    }

    [Theory]
    [MemberData(nameof(GrainCases))]
    public void Invalid_grain_class_reports_its_error_and_gets_no_activator(string id, string name, string declaration)
    {
        var result = GeneratorHarness.Run(Usings + "namespace Bad { " + declaration + " }" + Good);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(id);
        diagnostic.Severity.ShouldBe(Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(name);
        result.AllSources.ShouldNotContain(name);
    }

    [Fact]
    public void Error_in_a_base_interface_also_blocks_the_derived_interface()
    {
        const string source = Usings + """
            namespace Bad
            {
                public interface IBaseGrain : IGrainWithStringKey { int Bad(); }
                public interface IDerivedGrain : IBaseGrain { Task Ok(); }
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.Diagnostics.Select(d => d.Id).ShouldBe(["PLAT001", "PLAT001"]);
        result.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(
                [
                    "Method 'Bad' of grain interface 'Bad.IBaseGrain' returns 'int'; grain methods must return Task, Task<T>, ValueTask, ValueTask<T> or void",
                    "Method 'Bad' of grain interface 'Bad.IDerivedGrain' returns 'int'; grain methods must return Task, Task<T>, ValueTask, ValueTask<T> or void",
                ],
                ignoreOrder: true);
        result.Sources.ShouldBeEmpty();
    }

    [Fact]
    public void Diagnostics_point_at_the_offending_member()
    {
        var source = Usings + "namespace Bad { public interface IBadGrain : IGrainWithStringKey { Task Ok(); Task Bad(ref int x); } }";

        var result = GeneratorHarness.Run(source);

        var location = result.Diagnostics.ShouldHaveSingleItem().Location;
        location.GetLineSpan().Path.ShouldBe("Sample.cs");
        location.SourceSpan.Start.ShouldBe(source.IndexOf("Bad(ref", StringComparison.Ordinal));
        location.SourceSpan.Length.ShouldBe("Bad".Length);
    }
}
