namespace Platform.Orleans.Telemetry;

/// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> every platform extension of Orleans records on.</summary>
public static class PlatformOrleansMeter
{
    public const string Name = "Platform.Orleans";
}
