using System.Data.Common;
using Npgsql;

namespace Platform.PostgreSql;

/// <summary>What the platform sets on the connection string of each pool it opens on the platform database.</summary>
internal static class PlatformConnectionStrings
{
    /// <summary>
    /// The platform pool's connections at most when the connection string does not set <c>Maximum Pool Size</c>.
    /// Npgsql's own default, 100 per pool, lets a cluster of silos take far more connections than PostgreSQL's
    /// <c>max_connections</c> (100 by default) while a few dozen busy ones saturate the server (docs/capacity.md,
    /// "Connections", has the figures).
    /// </summary>
    public const int DefaultMaxPoolSize = 32;

    /// <summary>How Npgsql spells the pool limit's keyword (case and spaces aside).</summary>
    private static readonly string[] MaxPoolSizeKeywords = ["maximumpoolsize", "maxpoolsize"];

    /// <summary>
    /// <paramref name="connectionString"/> with sessions in UTC (a DateTime without a kind that a provider sends is then
    /// read as UTC, never as local time) and, unless it sets its own, a <c>Maximum Pool Size</c> of
    /// <see cref="DefaultMaxPoolSize"/> (or its <c>Minimum Pool Size</c>, if that is larger).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed; the message says how.</exception>
    public static string Normalize(string connectionString)
    {
        var builder = Parse(connectionString);
        if (!SetsMaxPoolSize(connectionString))
        {
            builder.MaxPoolSize = Math.Max(DefaultMaxPoolSize, builder.MinPoolSize);
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// <paramref name="connectionString"/> in UTC with a <c>Maximum Pool Size</c> of <paramref name="maxPoolSize"/>,
    /// whatever it set: for a pool whose limit is a setting of its own (matching's).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed; the message says how.</exception>
    public static string WithMaxPoolSize(string connectionString, int maxPoolSize)
    {
        var builder = Parse(connectionString);
        builder.MaxPoolSize = maxPoolSize;
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, maxPoolSize);
        return builder.ConnectionString;
    }

    /// <summary>
    /// Read from the text, not from <see cref="NpgsqlConnectionStringBuilder"/>: its properties hold Npgsql's default when
    /// the keyword is absent, so an explicit 100 would look like none.
    /// </summary>
    private static bool SetsMaxPoolSize(string connectionString)
    {
        var keywords = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        return keywords.Any(keyword => MaxPoolSizeKeywords.Contains(keyword.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()));
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" };
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is malformed: {error.Message}", nameof(connectionString), error);
        }
    }
}
