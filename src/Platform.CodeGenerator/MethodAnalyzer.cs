using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Platform.CodeGenerator.Models;

namespace Platform.CodeGenerator;

/// <summary>Checks one grain interface method and reads its invocation options from its attributes.</summary>
internal static class MethodAnalyzer
{
    private const string TasksNamespace = "System.Threading.Tasks";

    public static MethodModel? Analyze(
        INamedTypeSymbol grainInterface,
        string interfaceName,
        IMethodSymbol method,
        string requestClassName,
        List<DiagnosticInfo> diagnostics)
    {
        var errorCount = diagnostics.Count;

        // Errors in a base interface's method are reported on the derived interface too, since it cannot be emitted
        // either; placing them on the derived declaration keeps each report at a distinct location.
        ISymbol location = SymbolEqualityComparer.Default.Equals(method.ContainingType, grainInterface) ? method : grainInterface;

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.GenericMethod, location, interfaceName, method.Name));
        }

        var returnKind = GetReturnKind(method);
        if (returnKind is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                Diagnostics.UnsupportedReturnType, location, interfaceName, method.Name, method.ReturnType.ToDisplayString()));
        }

        var parameters = new List<ParameterModel>(method.Parameters.Length);
        var cancellationTokenIndex = -1;
        var hasMultipleTokens = false;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.ByRefParameter, location, interfaceName, method.Name, parameter.Name, RefKindText(parameter.RefKind)));
            }
            else if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.UnsupportedParameterType, location, interfaceName, method.Name, parameter.Name, parameter.Type.ToDisplayString()));
            }

            if (KnownTypes.IsCancellationToken(parameter.Type))
            {
                hasMultipleTokens |= cancellationTokenIndex >= 0;
                cancellationTokenIndex = parameter.Ordinal;
            }

            parameters.Add(new ParameterModel(Naming.Identifier(parameter.Name), Naming.TypeName(parameter.Type)));
        }

        if (hasMultipleTokens)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MultipleCancellationTokens, location, interfaceName, method.Name));
        }

        var options = RequestOptionFlags.None;
        long? timeoutTicks = null;
        foreach (var attribute in method.GetAttributes())
        {
            if (KnownTypes.IsAttribute(attribute, "Platform", "ReadOnlyAttribute"))
            {
                options |= RequestOptionFlags.ReadOnly;
            }
            else if (KnownTypes.IsAttribute(attribute, "Platform", "AlwaysInterleaveAttribute"))
            {
                options |= RequestOptionFlags.AlwaysInterleave;
            }
            else if (KnownTypes.IsAttribute(attribute, "Platform", "OneWayAttribute"))
            {
                options |= RequestOptionFlags.OneWay;
                if (returnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        Diagnostics.OneWayWithResult, location, interfaceName, method.Name, method.ReturnType.ToDisplayString()));
                }
            }
            else if (KnownTypes.IsAttribute(attribute, "Platform", "ResponseTimeoutAttribute"))
            {
                timeoutTicks = ParseTimeout(attribute, out var text);
                if (timeoutTicks is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidResponseTimeout, location, interfaceName, method.Name, text));
                }
            }
        }

        if (returnKind == ReturnKind.Void)
        {
            options |= RequestOptionFlags.OneWay;
        }

        if (diagnostics.Count != errorCount || returnKind is not { } kind)
        {
            return null;
        }

        var resultType = kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
            ? Naming.TypeName(((INamedTypeSymbol)method.ReturnType).TypeArguments[0])
            : null;

        return new MethodModel(
            method.Name,
            Naming.TypeName(method.ContainingType),
            kind,
            method.ReturnsVoid ? "void" : Naming.TypeName(method.ReturnType),
            resultType,
            parameters.ToEquatableArray(),
            options,
            timeoutTicks,
            cancellationTokenIndex,
            requestClassName);
    }

    private static ReturnKind? GetReturnKind(IMethodSymbol method)
    {
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return null;
        }

        if (method.ReturnsVoid)
        {
            return ReturnKind.Void;
        }

        var type = method.ReturnType;
        if (KnownTypes.Is(type, TasksNamespace, "Task"))
        {
            return ReturnKind.Task;
        }

        if (KnownTypes.Is(type, TasksNamespace, "Task", 1))
        {
            return ReturnKind.TaskOfT;
        }

        if (KnownTypes.Is(type, TasksNamespace, "ValueTask"))
        {
            return ReturnKind.ValueTask;
        }

        return KnownTypes.Is(type, TasksNamespace, "ValueTask", 1) ? ReturnKind.ValueTaskOfT : null;
    }

    private static long? ParseTimeout(AttributeData attribute, out string text)
    {
        var value = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        text = value ?? "null";

        // The attribute parses the same string with the invariant culture at run time; parsing here turns a typo into a
        // build error instead of a FormatException at run time.
        return value is not null
            && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var timeout)
            && timeout > TimeSpan.Zero
                ? timeout.Ticks
                : null;
    }

    private static string RefKindText(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        _ => "ref readonly",
    };
}
