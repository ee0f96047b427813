using System.Reflection;
using Platform.Invocation;

namespace Platform.CodeGenerator.Tests;

/// <summary>The realistic sample, generated, compiled and loaded once for all tests that call into it.</summary>
internal static class GeneratedAssembly
{
    private static readonly Lazy<Assembly> Loaded = new(() =>
    {
        var result = GeneratorHarness.Run(Samples.Realistic);
        result.Diagnostics.ShouldBeEmpty();
        return GeneratorHarness.Load(result.Output);
    });

    public static Assembly Assembly => Loaded.Value;

    public static Type Type(string name) => Assembly.GetType(name, throwOnError: true)!;

    public static RecordingRegistry Register()
    {
        var attribute = Assembly.GetCustomAttribute<GeneratedCodeProviderAttribute>();
        attribute.ShouldNotBeNull();
        var provider = (IGeneratedCodeProvider)Activator.CreateInstance(attribute.ProviderType)!;
        var registry = new RecordingRegistry();
        provider.Register(registry);
        return registry;
    }
}
