namespace Platform.Matching;

/// <summary>
/// Distances on the earth as a sphere (haversine). The PostgreSQL index evaluates the same formula with the same radius,
/// so both indexes agree on who is inside a radius.
/// </summary>
internal static class GreatCircle
{
    /// <summary>The mean earth radius (IUGG), in km.</summary>
    public const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = double.DegreesToRadians(latitude1);
        var phi2 = double.DegreesToRadians(latitude2);
        var halfDeltaPhi = double.DegreesToRadians(latitude2 - latitude1) / 2;
        var halfDeltaLambda = double.DegreesToRadians(longitude2 - longitude1) / 2;
        var h = (Math.Sin(halfDeltaPhi) * Math.Sin(halfDeltaPhi)) +
            (Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(halfDeltaLambda) * Math.Sin(halfDeltaLambda));

        // Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1, h)));
    }
}
