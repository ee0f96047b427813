using Microsoft.CodeAnalysis;

namespace Platform.CodeGenerator;

internal static class Diagnostics
{
    private const string Category = "Platform.CodeGenerator";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "PLAT001",
        "Unsupported grain method return type",
        "Method '{1}' of grain interface '{0}' returns '{2}'; grain methods must return Task, Task<T>, ValueTask, ValueTask<T> or void");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(
        "PLAT002",
        "Grain method parameter passed by reference",
        "Parameter '{2}' of method '{1}' in grain interface '{0}' is passed by reference ('{3}'); grain method parameters must be passed by value (no ref, out, in or ref readonly)");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "PLAT003",
        "Generic grain method",
        "Method '{1}' of grain interface '{0}' is generic; grain methods cannot have type parameters");

    public static readonly DiagnosticDescriptor UnsupportedMember = Error(
        "PLAT004",
        "Unsupported grain interface member",
        "Grain interface '{0}' declares {2} '{1}'; grain interfaces may only declare instance methods (no properties, indexers, events or static abstract members)");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "PLAT005",
        "Generic grain interface",
        "Grain interface '{0}' is generic or nested in a generic type; generic grain interfaces are not supported yet");

    public static readonly DiagnosticDescriptor InvalidResponseTimeout = Error(
        "PLAT006",
        "Invalid response timeout",
        "[ResponseTimeout(\"{2}\")] on method '{1}' of grain interface '{0}' is not a positive TimeSpan; use a value such as \"00:00:05\" ([d.]hh:mm:ss[.fffffff])");

    public static readonly DiagnosticDescriptor MultipleCancellationTokens = Error(
        "PLAT007",
        "More than one CancellationToken parameter",
        "Method '{1}' of grain interface '{0}' has more than one CancellationToken parameter; a grain method may take at most one");

    public static readonly DiagnosticDescriptor NoAccessibleConstructor = Error(
        "PLAT008",
        "Grain class has no accessible constructor",
        "Grain class '{0}' has no public or internal constructor; the generated activator needs one it can call");

    public static readonly DiagnosticDescriptor InaccessibleGrainClass = Error(
        "PLAT009",
        "Grain class is not accessible",
        "Grain class '{0}' is not accessible from the rest of its assembly (private, protected or file-local); make it and its containing types public or internal");

    public static readonly DiagnosticDescriptor InvalidPersistentStateParameter = Error(
        "PLAT010",
        "[PersistentState] on a parameter that is not IPersistentState<T>",
        "Parameter '{1}' of the constructor of grain class '{0}' has [PersistentState] but its type is '{2}'; [PersistentState] parameters must be of type Platform.Persistence.IPersistentState<T>");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "PLAT011",
        "Unsupported grain method parameter type",
        "Parameter '{2}' of method '{1}' in grain interface '{0}' has type '{3}', which cannot be kept in a request; ref structs and pointers are not allowed");

    public static readonly DiagnosticDescriptor OneWayWithResult = Error(
        "PLAT012",
        "One-way method returns a value",
        "Method '{1}' of grain interface '{0}' is [OneWay] but returns '{2}'; a one-way method must return void, Task or ValueTask because the caller never receives a reply");

    public static readonly DiagnosticDescriptor InaccessibleInterface = Error(
        "PLAT013",
        "Grain interface is not accessible",
        "Grain interface '{0}' is not accessible from the rest of its assembly (private, protected or file-local); make it and its containing types public or internal");

    public static readonly DiagnosticDescriptor ByRefConstructorParameter = Error(
        "PLAT014",
        "Grain constructor parameter passed by reference",
        "Parameter '{1}' of the constructor of grain class '{0}' is a ref or out parameter; the generated activator can only pass arguments by value");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
