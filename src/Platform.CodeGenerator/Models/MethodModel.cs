using System;

namespace Platform.CodeGenerator.Models;

internal enum ReturnKind
{
    Void,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>Mirrors Platform.Invocation.RequestOptions, which the generator cannot reference.</summary>
[Flags]
internal enum RequestOptionFlags
{
    None = 0,
    ReadOnly = 1,
    AlwaysInterleave = 2,
    OneWay = 4,
}

/// <param name="DeclaringInterface">The interface that declares the method, used to implement it explicitly.</param>
/// <param name="ReturnType">The method's return type as written in emitted code.</param>
/// <param name="ResultType">The T of Task&lt;T&gt; or ValueTask&lt;T&gt;; null otherwise.</param>
/// <param name="CancellationTokenIndex">The index of the CancellationToken parameter, or -1.</param>
/// <param name="TimeoutTicks">The parsed [ResponseTimeout], or null.</param>
internal sealed record MethodModel(
    string Name,
    string DeclaringInterface,
    ReturnKind ReturnKind,
    string ReturnType,
    string? ResultType,
    EquatableArray<ParameterModel> Parameters,
    RequestOptionFlags Options,
    long? TimeoutTicks,
    int CancellationTokenIndex,
    string RequestClassName);

/// <param name="Name">The parameter name, escaped with '@' when it is a keyword.</param>
internal sealed record ParameterModel(string Name, string Type);
