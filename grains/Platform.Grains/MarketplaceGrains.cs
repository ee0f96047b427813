namespace Platform.Grains;

/// <summary>
/// Marker for the marketplace grain assembly: <c>silo.AddGrains(typeof(MarketplaceGrains).Assembly)</c>. The grain
/// classes themselves are internal, so hosts need a public type to name the assembly by.
/// </summary>
public static class MarketplaceGrains;
