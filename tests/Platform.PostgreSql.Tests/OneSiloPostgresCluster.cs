namespace Platform.PostgreSql.Tests;

public sealed class OneSiloPostgresCluster() : PostgresCluster(1);
