namespace Platform.Silo;

/// <summary>Where the silo keeps grain state: the <c>--storage</c> option.</summary>
internal enum StorageProvider
{
    /// <summary>Embedded in-memory storage: state is lost when the process exits.</summary>
    Memory,

    /// <summary>PostgreSQL through Platform.PostgreSql, at the connection string of <c>--postgres</c>.</summary>
    Postgres,
}

internal static class StorageProviders
{
    public const string Memory = "memory";
    public const string Postgres = "postgres";

    public static StorageProvider Parse(string text) =>
        text.ToLowerInvariant() switch
        {
            Memory => StorageProvider.Memory,
            Postgres => StorageProvider.Postgres,
            _ => throw new FormatException($"is not a storage provider; use {Memory} or {Postgres}"),
        };

    public static string Name(StorageProvider provider) => provider == StorageProvider.Postgres ? Postgres : Memory;
}
