using System.Text;

namespace Platform.Runtime.Placement;

/// <summary>
/// Hashes that every process computes alike (string.GetHashCode is randomised per process): FNV-1a over UTF-8 for
/// names, SplitMix64 to combine, which spreads even adjacent inputs over the whole 64-bit range.
/// </summary>
internal static class StableHash
{
    public static ulong Of(string value)
    {
        var hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(value) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(value, buffer)] : Encoding.UTF8.GetBytes(value);
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }

    public static ulong Of(GrainId grainId) => Combine(Of(grainId.Type), Of(grainId.Key));

    public static ulong Combine(ulong left, ulong right)
    {
        var z = unchecked(left + 0x9E3779B97F4A7C15UL + (right * 0xBF58476D1CE4E5B9UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
