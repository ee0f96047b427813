using System.Collections.Immutable;
using Platform.CodeGenerator.Models;

namespace Platform.CodeGenerator;

/// <summary>
/// Emits the assembly's GeneratedCodeProvider and the attribute that names it, so the runtime registers every proxy
/// and activator without scanning types.
/// </summary>
internal static class ProviderEmitter
{
    public const string ClassName = "GeneratedCodeProvider";

    public static string Emit(ImmutableArray<InterfaceModel> interfaces, ImmutableArray<GrainModel> grains, string generatedNamespace)
    {
        var writer = new SourceWriter();
        writer.Line("[assembly: global::Platform.Invocation.GeneratedCodeProviderAttribute(typeof(global::" + generatedNamespace + "." + ClassName + "))]");
        writer.Line();
        writer.Open("namespace " + generatedNamespace);
        writer.Line(SourceWriter.GeneratedCodeAttribute);
        writer.Open("internal sealed class " + ClassName + " : global::Platform.Invocation.IGeneratedCodeProvider");
        writer.Open("public void Register(global::Platform.Invocation.IGeneratedCodeRegistry registry)");
        foreach (var grainInterface in interfaces)
        {
            writer.Line("registry.AddProxy<" + grainInterface.TypeName + ">(static (grainId, runtime) => new global::"
                + generatedNamespace + "." + grainInterface.ProxyClassName + "(grainId, runtime));");
            foreach (var method in grainInterface.Methods)
            {
                writer.Line("registry.AddRequest(" + MethodIds.Literal(MethodIds.Compute(method)) + ", "
                    + Naming.Literal(MethodIds.Signature(method)) + ", global::" + generatedNamespace + "."
                    + method.RequestClassName + "." + RequestEmitter.ReaderMethodName + ");");
            }
        }

        foreach (var grain in grains)
        {
            writer.Line("registry.AddGrain<" + grain.TypeName + ">(static (services, context) => "
                + ActivatorEmitter.NewExpression(grain, "services", "context") + ");");
        }

        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
