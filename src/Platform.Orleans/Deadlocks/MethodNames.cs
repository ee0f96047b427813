using System.Collections.Concurrent;
using System.Reflection;

namespace Platform.Orleans.Deadlocks;

/// <summary>"Interface.Method" per interface method, computed once: call filters run on every call.</summary>
internal static class MethodNames
{
    private static readonly ConcurrentDictionary<MethodInfo, string> Names = new();

    public static string Of(MethodInfo method) =>
        Names.GetOrAdd(method, static m => $"{m.DeclaringType?.Name}.{m.Name}");
}
