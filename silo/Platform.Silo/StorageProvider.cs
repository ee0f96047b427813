namespace Platform.Silo;

/// <summary>Where the silo keeps grain state, reminders, the journal and the membership table: <c>--storage</c>, <c>--membership</c>.</summary>
internal enum StorageProvider
{
    /// <summary>In this process (Orleans' localhost clustering and in-memory providers): lost when the process exits.</summary>
    Memory,

    /// <summary>PostgreSQL through <c>UsePlatformPostgreSql</c>, at the connection string of <c>--postgres</c>.</summary>
    Postgres,
}
