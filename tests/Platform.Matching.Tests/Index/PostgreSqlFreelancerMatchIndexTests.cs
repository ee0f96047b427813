using Platform.Matching.Tests.Support;
using Platform.PostgreSql;
using Platform.PostgreSql.Matching;

namespace Platform.Matching.Tests.Index;

public sealed class PostgreSqlFreelancerMatchIndexTests(MatchingDatabase database)
    : FreelancerMatchIndexContract, IClassFixture<MatchingDatabase>
{
    protected override IFreelancerMatchIndex Index { get; } =
        new PostgreSqlFreelancerMatchIndex(database.DataSource, MatchSamples.Dimensions, new PostgreSqlMatchingOptions(), TimeProvider.System);

    [Fact]
    public async Task A_second_start_with_the_same_dimension_changes_nothing()
    {
        await new MatchingSchema(database.DataSource).EnsureAsync(MatchSamples.Dimensions);

        (await database.Database.CountAsync(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'matching_freelancers' AND indexdef LIKE '%hnsw (embedding vector_cosine_ops)%'"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task A_start_with_another_dimension_is_refused_and_leaves_the_column_as_it_was()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => new MatchingSchema(database.DataSource).EnsureAsync(1536));

        error.Message.ShouldBe(
            "The matching index stores 32-dimensional embeddings (column matching_freelancers.embedding is vector(32)), but Matching:Dimensions "
            + "is 1536. Embeddings of different dimensions cannot be compared: set Matching:Dimensions back to 32, or re-embed every freelancer "
            + "into a fresh column (docs/decisions/0006-matching-on-pgvector.md).");
        (await database.Database.CountAsync(
            "SELECT atttypmod FROM pg_attribute WHERE attrelid = 'matching_freelancers'::regclass AND attname = 'embedding'")).ShouldBe(32);
    }

    [Fact]
    public async Task The_dimension_column_needs_the_migrations_first()
    {
        await using var empty = await PostgresServer.CreateDatabaseAsync();
        await using var dataSource = MatchingDatabase.Open(empty.ConnectionString);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => new MatchingSchema(dataSource).EnsureAsync(32));

        error.Message.ShouldBe(
            "The table matching_freelancers does not exist: the platform's migrations (0007_matching_index.sql) have not run on this database.");
    }

    [Fact]
    public async Task When_the_index_walk_gives_up_before_k_rows_the_exact_scan_still_returns_them()
    {
        // Planner settings that leave the HNSW walk as the only ordered path, and a walk that gives up after 50 index
        // tuples: the 25 rows with the rare skill point away from the query, so the walk meets none of them.
        var tenant = MatchSamples.NewTenant();
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(database.Database.ConnectionString)
        {
            Options = "-c enable_seqscan=off -c enable_bitmapscan=off -c enable_sort=off",
        };
        await using var forced = MatchingDatabase.Open(connection.ConnectionString);
        var index = new PostgreSqlFreelancerMatchIndex(
            forced, MatchSamples.Dimensions, new PostgreSqlMatchingOptions { MaxScanTuples = 50 }, TimeProvider.System);
        var random = new Random(11);
        for (var i = 0; i < 600; i++)
        {
            var rare = i % 24 == 0;
            var direction = rare ? MatchSamples.Vector(0, 1) : MatchSamples.Vector(1);
            await index.UpsertAsync(
                MatchSamples.Document(tenant, $"f-{i:D3}") with { Skills = rare ? ["Electrician", "Solar", "Rare"] : ["Electrician", "Solar"] },
                direction.Select(value => value + ((float)random.NextDouble() * 0.2f)).ToArray());
        }

        var query = MatchSamples.Query(tenant, limit: 20) with { RequiredSkills = ["rare"] };
        var plan = await ExplainAsync(forced, query);
        var candidates = await index.SearchAsync(query, MatchSamples.Vector(1));

        plan.ShouldContain("Index Scan using matching_freelancers_embedding");
        candidates.Count.ShouldBe(20);
        var rareIds = Enumerable.Range(0, 600).Where(i => i % 24 == 0).Select(i => $"f-{i:D3}").ToArray();
        candidates.Select(candidate => candidate.FreelancerId).ShouldBeSubsetOf(rareIds);
    }

    private static async Task<string> ExplainAsync(Npgsql.NpgsqlDataSource dataSource, Platform.Grains.Matching.MatchQuery query)
    {
        await using var command = dataSource.CreateCommand("EXPLAIN " + PostgreSqlFreelancerMatchIndex.SearchSql);
        PostgreSqlFreelancerMatchIndex.AddSearchParameters(command.Parameters, query, MatchSamples.Vector(1));
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
