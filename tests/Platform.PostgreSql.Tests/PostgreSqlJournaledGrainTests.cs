namespace Platform.PostgreSql.Tests;

public sealed class PostgreSqlJournaledGrainTests(PostgresJournalCluster fixture)
    : JournaledAccountScenarios(fixture.Cluster), IClassFixture<PostgresJournalCluster>;
