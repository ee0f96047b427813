using Npgsql;

namespace Platform.PostgreSql.Tests;

public interface IDatabaseErrorGrain : IGrainWithStringKey
{
    /// <summary>Fails as a state write fails while PostgreSQL shuts down: Orleans' storage error around Npgsql's.</summary>
    Task FailAsAStateWriteDuringShutdown();
}

internal sealed class DatabaseErrorGrain : Grain, IDatabaseErrorGrain
{
    public Task FailAsAStateWriteDuringShutdown() => throw new OrleansException(
        "Error from storage provider during WriteStateAsync",
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown));
}
