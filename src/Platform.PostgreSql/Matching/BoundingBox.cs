namespace Platform.PostgreSql.Matching;

/// <summary>
/// A latitude/longitude box around a circle on the sphere: a cheap pre-check with column statistics (so the planner can
/// estimate how many rows are near) in front of the exact haversine test. Where the circle reaches a pole or crosses
/// the antimeridian the longitude is left unbounded rather than split into two intervals.
/// </summary>
internal readonly record struct BoundingBox(double MinLatitude, double MaxLatitude, double MinLongitude, double MaxLongitude)
{
    // Widens the box by a hair so that rounding never puts a row inside the haversine radius but outside the box.
    private const double MarginDegrees = 1e-6;

    public static BoundingBox Around(double latitude, double longitude, double radiusKm)
    {
        var angle = radiusKm / Platform.Matching.GreatCircle.EarthRadiusKm;
        var deltaLatitude = double.RadiansToDegrees(angle) + MarginDegrees;
        var (minLatitude, maxLatitude) = (latitude - deltaLatitude, latitude + deltaLatitude);
        if (minLatitude <= -90 || maxLatitude >= 90 || angle >= Math.PI / 2)
        {
            return new BoundingBox(minLatitude, maxLatitude, -180, 180);
        }

        // The widest longitude span of the circle (it is reached north of the centre's latitude in the north, south of it
        // in the south): asin(sin(angle) / cos(latitude)).
        var ratio = Math.Sin(angle) / Math.Cos(double.DegreesToRadians(latitude));
        if (ratio >= 1)
        {
            return new BoundingBox(minLatitude, maxLatitude, -180, 180);
        }

        var deltaLongitude = double.RadiansToDegrees(Math.Asin(ratio)) + MarginDegrees;
        var (minLongitude, maxLongitude) = (longitude - deltaLongitude, longitude + deltaLongitude);
        return minLongitude < -180 || maxLongitude > 180
            ? new BoundingBox(minLatitude, maxLatitude, -180, 180)
            : new BoundingBox(minLatitude, maxLatitude, minLongitude, maxLongitude);
    }
}
