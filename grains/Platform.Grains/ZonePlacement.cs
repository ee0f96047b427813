namespace Platform.Grains;

/// <summary>
/// How the marketplace grains stay in the caller's availability zone: each silo publishes its zone as Orleans silo
/// metadata under <see cref="MetadataKey"/> (<c>UseSiloMetadata</c>), and the grain classes carry Orleans'
/// <c>[PreferredMatchSiloMetadataPlacementFilter]</c> on that key, so a new activation goes to a silo of the zone that
/// asked for it whenever that zone has at least <see cref="MinimumCandidates"/> silos (docs/decisions/0004).
/// </summary>
public static class ZonePlacement
{
    /// <summary>The OpenTelemetry resource attribute for a zone, so the same word means the same thing in traces.</summary>
    public const string MetadataKey = "cloud.availability_zone";

    /// <summary>
    /// Fewer silos than this in the caller's zone and the zone preference is dropped for the call: a zone's new
    /// activations never pile onto a single silo.
    /// </summary>
    public const int MinimumCandidates = 2;
}
