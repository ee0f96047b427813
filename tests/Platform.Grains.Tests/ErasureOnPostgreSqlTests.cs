using System.Text;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;
using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests;

/// <summary>
/// GDPR erasure on the real PostgreSQL (grain state, PubSubStore, journal, pgvector index): afterwards every column of
/// every table of the database is searched for the person's name, e-mail and headline, as text and as UTF-8 bytes.
/// </summary>
public sealed class ErasureOnPostgreSqlTests
{
    // Strings that occur nowhere else, so that a hit can only be this person's data.
    private const string Name = "Zyxwa Quillfeather";
    private const string Email = "zyxwa.quillfeather@example.org";
    private const string Headline = "Quillfeather espresso virtuoso";

    private static readonly string[] PersonalData = [Name, Email, Headline];

    private readonly FakeTimeProvider _clock = new(MarketplaceCluster.Epoch);

    [Fact]
    public async Task After_an_erasure_no_table_holds_the_persons_name_email_or_headline_and_the_audit_event_exists()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var cluster = await PostgresMarketplace.StartAsync(database.ConnectionString, $"erasure-{Guid.NewGuid():N}", _clock, new NotificationInbox());
        var freelancer = cluster.Client.GetGrain<IFreelancerGrain>("acme/f-7f3a");
        await freelancer.UpdateProfile(Samples.Profile(_clock.GetUtcNow()) with { DisplayName = Name, Email = Email, Headline = Headline });
        await freelancer.VerifyCertification("Food hygiene");
        var done = await PublishAndApplyAsync(cluster, freelancer, "acme/job-done");
        await done.MakeOffer("acme/f-7f3a", 20m);
        await freelancer.AcceptOffer("acme/job-done");
        await done.Start();
        await done.Complete();
        await freelancer.AddRating("acme/job-done", 5);
        var open = await PublishAndApplyAsync(cluster, freelancer, "acme/job-open");

        var before = await ScanAsync(database);
        before.Hits.ShouldContain(hit => hit.StartsWith("public.orleans_grain_state", StringComparison.Ordinal), "the scan finds the data while it is there");

        var receipt = await freelancer.Erase(new ErasureRequest("privacy-officer", "Art. 17 request, ticket 4711"));

        var after = await ScanAsync(database);
        after.Hits.ShouldBeEmpty();
        after.Tables.ShouldBe(before.Tables);
        after.Tables.ShouldContain("public.orleans_grain_state");
        after.Tables.ShouldContain("public.journal_events");
        after.Tables.ShouldContain("public.matching_freelancers");
        (await database.CountAsync(
            "SELECT count(*) FROM journal_events WHERE stream_id = $1 AND event_type = 'audit.freelancer-erased' AND data->>'requestedBy' = 'privacy-officer'",
            receipt.AuditStreamId)).ShouldBe(1L);
        (await database.CountAsync("SELECT count(*) FROM matching_freelancers WHERE tenant_id = 'acme' AND freelancer_id = 'f-7f3a'")).ShouldBe(0L);
        receipt.JobsPseudonymized.ShouldBe(["acme/job-done", "acme/job-open"], ignoreOrder: true);
        (await done.Get())!.HiredFreelancerKey.ShouldBe("acme/f-7f3a", "the hire stays under the pseudonym");
        (await open.Get())!.Applicants.Single().DisplayName.ShouldBe(Applicant.ErasedDisplayName);
    }

    private static async Task<IJobGrain> PublishAndApplyAsync(InProcessTestCluster cluster, IFreelancerGrain freelancer, string jobKey)
    {
        var job = cluster.Client.GetGrain<IJobGrain>(jobKey);
        await job.SaveDraft(Samples.Draft(MarketplaceCluster.Epoch) with { RequiredCertifications = ["Food hygiene"] });
        var published = await job.Publish();
        await Eventually.Until(job.Get, snapshot => snapshot!.Candidates.Count > 0 && snapshot.Revision > published.Revision, $"candidates on {jobKey}");
        await freelancer.Apply(jobKey, "Count on me.");
        return job;
    }

    /// <summary>Every base table outside the system schemas, and "schema.table.column: value" for each hit of personal data.</summary>
    private static async Task<(List<string> Tables, List<string> Hits)> ScanAsync(PostgresServer.Database database)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var query = dataSource.CreateCommand("""
            SELECT c.table_schema || '.' || c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY 1, c.ordinal_position
            """))
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var hits = new List<string>();
        foreach (var (table, column, type) in columns)
        {
            var quotedTable = string.Join('.', table.Split('.').Select(Quote));
            foreach (var needle in PersonalData)
            {
                // Grain state is a serialized payload (bytea): search its bytes; everything else as text.
                var condition = type == "bytea" ? $"position($1 in {Quote(column)}) > 0" : $"{Quote(column)}::text ILIKE $1";
                await using var search = dataSource.CreateCommand($"SELECT count(*) FROM {quotedTable} WHERE {condition}");
                search.Parameters.Add(type == "bytea"
                    ? new NpgsqlParameter { Value = Encoding.UTF8.GetBytes(needle) }
                    : new NpgsqlParameter { Value = $"%{needle}%" });
                if ((long)(await search.ExecuteScalarAsync())! > 0)
                {
                    hits.Add($"{table}.{column}: {needle}");
                }
            }
        }

        return (columns.Select(entry => entry.Table).Distinct().ToList(), hits);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
