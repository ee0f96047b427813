using System.Globalization;

namespace Platform;

/// <summary>
/// The address of a grain: its grain type and its key. Guid and integer keys are kept in a canonical
/// string form, so one representation serves every key kind; the hash is computed once because catalog
/// look-ups happen on every call.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    private readonly int _hash;

    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
        _hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(type), StringComparer.Ordinal.GetHashCode(key));
    }

    public string Type { get; }

    public string Key { get; }

    public bool IsDefault => Type is null;

    public static GrainId Create(string type, Guid key) => new(type, key.ToString("N"));

    public static GrainId Create(string type, long key) => new(type, key.ToString(CultureInfo.InvariantCulture));

    public Guid GetGuidKey() =>
        Guid.TryParseExact(Key, "N", out var value)
            ? value
            : throw new InvalidOperationException($"Grain {this} does not have a Guid key.");

    public long GetIntegerKey() =>
        long.TryParse(Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"Grain {this} does not have an integer key.");

    public bool Equals(GrainId other) =>
        _hash == other._hash && string.Equals(Type, other.Type, StringComparison.Ordinal) && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => $"{Type}/{Key}";

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
