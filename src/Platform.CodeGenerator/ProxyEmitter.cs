using System.Collections.Generic;
using System.Linq;
using Platform.CodeGenerator.Models;

namespace Platform.CodeGenerator;

/// <summary>Emits the file of one grain interface: its proxy class and the request class of each of its methods.</summary>
internal static class ProxyEmitter
{
    private const string Tasks = "global::System.Threading.Tasks";

    public static string Emit(InterfaceModel grainInterface, string generatedNamespace)
    {
        var writer = new SourceWriter();
        writer.Open("namespace " + generatedNamespace);
        writer.Line(SourceWriter.GeneratedCodeAttribute);
        writer.Open("internal sealed class " + grainInterface.ProxyClassName + " : global::Platform.Invocation.GrainReference, " + grainInterface.TypeName);
        writer.Line("public " + grainInterface.ProxyClassName
            + "(global::Platform.GrainId grainId, global::Platform.Invocation.IGrainCallRuntime runtime) : base(grainId, runtime)");
        writer.Line("{");
        writer.Line("}");
        foreach (var method in grainInterface.Methods)
        {
            writer.Line();
            EmitMethod(writer, method);
        }

        writer.Close();
        foreach (var method in grainInterface.Methods)
        {
            writer.Line();
            RequestEmitter.Emit(writer, grainInterface, method);
        }

        writer.Close();
        return writer.ToString();
    }

    private static void EmitMethod(SourceWriter writer, MethodModel method)
    {
        var parameters = method.Parameters.Select(p => p.Type + " " + p.Name);

        // Explicit implementation: two base interfaces may declare methods with the same signature.
        writer.Open(method.ReturnType + " " + method.DeclaringInterface + "." + Naming.Identifier(method.Name) + "(" + string.Join(", ", parameters) + ")");
        var request = LocalName(method.Parameters);
        writer.Line("var " + request + " = new " + method.RequestClassName + "(" + string.Join(", ", method.Parameters.Select(p => p.Name)) + ");");
        writer.Line("this.Send(" + request + ");");

        // A one-way call returns as soon as it is queued: waiting on its task would defeat the purpose.
        var oneWay = (method.Options & RequestOptionFlags.OneWay) != 0;
        switch (method.ReturnKind)
        {
            case ReturnKind.Task:
                writer.Line(oneWay ? "return " + Tasks + ".Task.CompletedTask;" : "return " + request + ".Task;");
                break;
            case ReturnKind.TaskOfT:
                writer.Line("return " + request + ".Task;");
                break;
            case ReturnKind.ValueTask:
                writer.Line(oneWay ? "return default;" : "return new " + Tasks + ".ValueTask(" + request + ".Task);");
                break;
            case ReturnKind.ValueTaskOfT:
                writer.Line("return new " + Tasks + ".ValueTask<" + method.ResultType + ">(" + request + ".Task);");
                break;
        }

        writer.Close();
    }

    private static string LocalName(IEnumerable<ParameterModel> parameters)
    {
        var names = new HashSet<string>(parameters.Select(p => p.Name.TrimStart('@')));
        var name = "request";
        while (names.Contains(name))
        {
            name += "_";
        }

        return name;
    }
}
