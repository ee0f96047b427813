namespace Platform.PostgreSql.Tests;

public sealed class TwoSiloPostgresCluster() : PostgresCluster(2);
