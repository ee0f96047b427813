namespace Platform.Bench;

/// <summary>How to start a .NET application that sits in this benchmark's output directory.</summary>
internal static class DotnetApp
{
    /// <summary>
    /// The apphost next to <paramref name="dll"/> when there is one (a build), else the dll through the dotnet host (the
    /// test output, where referenced executables come without their apphost).
    /// </summary>
    public static System.Diagnostics.ProcessStartInfo StartInfo(string dll)
    {
        var apphost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost))
        {
            return new System.Diagnostics.ProcessStartInfo(apphost) { UseShellExecute = false };
        }

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromCli
            ? fromCli
            : Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        var start = new System.Diagnostics.ProcessStartInfo(host) { UseShellExecute = false };
        start.ArgumentList.Add(dll);
        return start;
    }
}
