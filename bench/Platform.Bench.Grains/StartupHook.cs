/// <summary>
/// The entry .NET calls when this assembly is named in DOTNET_STARTUP_HOOKS: loading the assembly is all that is needed,
/// so that Orleans' part discovery (every loaded assembly with an application part attribute) sees the bench grains.
/// The runtime requires this exact name, outside any namespace.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
    }
}
