namespace Platform.CodeGenerator.Models;

/// <summary>A grain class and how to obtain each argument of the constructor its activator calls.</summary>
internal sealed record GrainModel(string FullName, string TypeName, EquatableArray<ActivatorArgument> Arguments);

internal enum ActivatorArgumentKind
{
    Service,
    GrainContext,
    PersistentState,
}

/// <param name="Type">The service type, or the state type T for persistent state.</param>
internal sealed record ActivatorArgument(ActivatorArgumentKind Kind, string Type, string? StateName, string? StorageName);

internal sealed record GrainResult(GrainModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
