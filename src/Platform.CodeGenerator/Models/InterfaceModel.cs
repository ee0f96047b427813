namespace Platform.CodeGenerator.Models;

/// <summary>What the emitters need to know about one grain or observer interface.</summary>
/// <param name="FullName">The interface's name as the runtime reports it, e.g. "MyApp.IJobGrain".</param>
/// <param name="TypeName">The fully qualified type name for emitted code, with <c>global::</c>.</param>
internal sealed record InterfaceModel(
    string FullName,
    string TypeName,
    string ProxyClassName,
    string HintName,
    EquatableArray<MethodModel> Methods);

/// <summary>An interface's model, or null when it has errors, plus the diagnostics found while analysing it.</summary>
internal sealed record InterfaceResult(InterfaceModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
