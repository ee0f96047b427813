using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Platform.CodeGenerator.Models;

namespace Platform.CodeGenerator;

/// <summary>Emits the request class of one method: the call's arguments plus the code that invokes it on the grain.</summary>
internal static class RequestEmitter
{
    public static void Emit(SourceWriter writer, InterfaceModel grainInterface, MethodModel method)
    {
        var baseType = method.ResultType is null
            ? "global::Platform.Invocation.VoidRequest"
            : "global::Platform.Invocation.Request<" + method.ResultType + ">";
        var fields = method.Parameters.Select((_, i) => "_arg" + i.ToString(CultureInfo.InvariantCulture)).ToList();

        writer.Line(SourceWriter.GeneratedCodeAttribute);
        writer.Open("internal sealed class " + method.RequestClassName + " : " + baseType);
        for (var i = 0; i < fields.Count; i++)
        {
            writer.Line("private readonly " + method.Parameters[i].Type + " " + fields[i] + ";");
        }

        if (fields.Count > 0)
        {
            writer.Line();
            var parameters = method.Parameters.Select((p, i) => p.Type + " arg" + i.ToString(CultureInfo.InvariantCulture));
            writer.Open("public " + method.RequestClassName + "(" + string.Join(", ", parameters) + ")");
            for (var i = 0; i < fields.Count; i++)
            {
                writer.Line(fields[i] + " = arg" + i.ToString(CultureInfo.InvariantCulture) + ";");
            }

            writer.Close();
            writer.Line();
        }

        writer.Line("public override string InterfaceName => " + Naming.Literal(grainInterface.FullName) + ";");
        writer.Line();
        writer.Line("public override string MethodName => " + Naming.Literal(method.Name) + ";");
        writer.Line();
        writer.Line("public override uint MethodId => " + MethodIds.Literal(MethodIds.Compute(method)) + ";");
        EmitOptionalOverrides(writer, method, fields);
        writer.Line();
        EmitInvokeCore(writer, method, fields);
        EmitWireMethods(writer, method, fields);
        writer.Close();
    }

    /// <summary>The name of the static method that reads a request of this class from the wire.</summary>
    public const string ReaderMethodName = "ReadFrom";

    private static void EmitWireMethods(SourceWriter writer, MethodModel method, List<string> fields)
    {
        // A cancellation token does not cross the wire as a value: the receiving side gets one the caller cancels with a frame.
        var sent = Enumerable.Range(0, fields.Count).Where(i => i != method.CancellationTokenIndex).ToList();
        if (sent.Count > 0)
        {
            writer.Line();
            writer.Open("protected override void WriteArguments(global::Platform.Serialization.WireWriter writer)");
            foreach (var i in sent)
            {
                writer.Line("writer.Write<" + method.Parameters[i].Type + ">(" + fields[i] + ");");
            }

            writer.Close();
        }

        var arguments = Enumerable.Range(0, fields.Count).Select(i => i == method.CancellationTokenIndex
            ? "reader.CancellationToken"
            : "reader.Read<" + method.Parameters[i].Type + ">()");
        writer.Line();
        writer.Line("public static global::Platform.Invocation.Request " + ReaderMethodName
            + "(ref global::Platform.Serialization.WireReader reader) => new " + method.RequestClassName + "(" + string.Join(", ", arguments) + ");");
    }

    private static void EmitOptionalOverrides(SourceWriter writer, MethodModel method, List<string> fields)
    {
        if (method.Options != RequestOptionFlags.None)
        {
            writer.Line();
            writer.Line("public override global::Platform.Invocation.RequestOptions Options => " + FormatOptions(method.Options) + ";");
        }

        if (method.TimeoutTicks is { } ticks)
        {
            writer.Line();
            writer.Line("public override global::System.TimeSpan? ResponseTimeout => global::System.TimeSpan.FromTicks("
                + ticks.ToString(CultureInfo.InvariantCulture) + "L);");
        }

        if (method.CancellationTokenIndex >= 0)
        {
            writer.Line();
            writer.Line("public override global::System.Threading.CancellationToken CancellationToken => " + fields[method.CancellationTokenIndex] + ";");
        }
    }

    private static void EmitInvokeCore(SourceWriter writer, MethodModel method, List<string> fields)
    {
        var returnType = method.ResultType is null
            ? "global::System.Threading.Tasks.ValueTask"
            : "global::System.Threading.Tasks.ValueTask<" + method.ResultType + ">";

        // Casting to the declaring interface keeps the call unambiguous when two base interfaces declare the same signature.
        var call = "((" + method.DeclaringInterface + ")grain)." + Naming.Identifier(method.Name) + "(" + string.Join(", ", fields) + ")";

        writer.Open("protected override " + returnType + " InvokeCore(object grain)");
        switch (method.ReturnKind)
        {
            case ReturnKind.Void:
                writer.Line(call + ";");
                writer.Line("return default;");
                break;
            case ReturnKind.Task:
            case ReturnKind.TaskOfT:
                writer.Line("return new " + returnType + "(" + call + ");");
                break;
            default:
                writer.Line("return " + call + ";");
                break;
        }

        writer.Close();
    }

    private static string FormatOptions(RequestOptionFlags options)
    {
        var names = new List<string>();
        foreach (var flag in new[] { RequestOptionFlags.ReadOnly, RequestOptionFlags.AlwaysInterleave, RequestOptionFlags.OneWay })
        {
            if ((options & flag) != 0)
            {
                names.Add("global::Platform.Invocation.RequestOptions." + flag);
            }
        }

        return string.Join(" | ", names);
    }
}
