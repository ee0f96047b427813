using System.Net;
using Npgsql;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

/// <summary>
/// Grain state the database does not take (a trigger of the test's own refuses some of the tenant's writes, as PostgreSQL
/// does while it is down): the request is a clear 503, and its retry with the same key runs once the database takes
/// writes again, instead of being refused as in progress until the key's claim times out, and finishes the job the
/// first attempt created instead of creating another.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DatabaseOutageTests(ApiCluster cluster)
{
    [Fact]
    public async Task A_post_that_met_the_database_failing_is_a_503_and_its_retry_finishes_the_same_job_once_it_is_back()
    {
        var tenant = ApiCluster.NewTenant();
        using var client = cluster.Client(tenant, "alice", "client");
        await using var database = NpgsqlDataSource.Create(cluster.Database.ConnectionString);
        // The key's claim and the job's draft are written; publishing the job fails, and so does releasing the claim.
        await database.CreateCommand($"""
            CREATE FUNCTION refuse_{tenant}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.grain_id_string LIKE '{tenant}/%'
                    AND ((TG_OP = 'UPDATE' AND NEW.state_name = 'job') OR (NEW.state_name = 'request-replay' AND NEW.payload IS NULL)) THEN
                    RAISE EXCEPTION 'the test refuses this write';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_{tenant} BEFORE INSERT OR UPDATE ON orleans_grain_state FOR EACH ROW EXECUTE FUNCTION refuse_{tenant}();
            """).ExecuteNonQueryAsync();
        try
        {
            using var refused = await client.PostIdempotentAsync("/api/jobs", Samples.Job(publish: true), key: "during-outage");

            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("title").GetString().ShouldBe("The database is unavailable");
            refused.Headers.RetryAfter.ShouldNotBeNull();
        }
        finally
        {
            await database.CreateCommand($"DROP TRIGGER refuse_{tenant} ON orleans_grain_state; DROP FUNCTION refuse_{tenant}();").ExecuteNonQueryAsync();
        }

        // Sooner than Retry-After says: the API releases the claim in the background as soon as the database takes it.
        using var created = await Eventually.ValueAsync(async () =>
        {
            var retry = await client.PostIdempotentAsync("/api/jobs", Samples.Job(publish: true), key: "during-outage");
            if (retry.StatusCode == HttpStatusCode.Created)
            {
                return retry;
            }

            retry.Dispose();
            return null;
        }, TimeSpan.FromSeconds(20));

        var job = await (await client.GetAsync(created!.Headers.Location)).ShouldBeJsonAsync(HttpStatusCode.OK);
        job.GetProperty("status").GetString().ShouldBe("Open");
        (await cluster.Database.CountAsync(
            "SELECT count(*) FROM orleans_grain_state WHERE state_name = 'job' AND grain_id_string LIKE $1", $"{tenant}/%"))
            .ShouldBe(1L, "the retry finished the job the first attempt drafted");
    }
}
