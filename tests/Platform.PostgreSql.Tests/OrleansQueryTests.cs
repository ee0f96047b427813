using Npgsql;

namespace Platform.PostgreSql.Tests;

/// <summary>
/// The query rows the cluster tests do not reach (clean-up, deletion), run the way the providers run them: texts from
/// <c>OrleansQuery</c>, parameters by name, NULL without a type.
/// </summary>
public sealed class OrleansQueryTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Started = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Defunct_silo_clean_up_removes_only_dead_rows_older_than_the_cut_off_or_unchanged_since_read()
    {
        const string cluster = "cleanup";
        await Run("InsertMembershipVersionKey", ("DeploymentId", cluster));
        await InsertMember(cluster, generation: 1, version: 0);
        await InsertMember(cluster, generation: 2, version: 1);
        await InsertMember(cluster, generation: 3, version: 2);
        await Run("UpdateMembershipKey", Member(cluster, 1, status: 6, version: 3));
        await Run("UpdateMembershipKey", Member(cluster, 2, status: 6, version: 4));

        // A cut-off before the rows' last heartbeat keeps them; the captured values of a changed row keep it too.
        await Run("CleanupDefunctSiloEntriesKey", ("DeploymentId", cluster), ("IAmAliveTime", Started));
        await Run("CleanupDefunctSiloEntryKey", [.. Key(cluster, 1), ("StartTime", Started), ("IAmAliveTime", Started.AddMinutes(9)), ("SuspectTimes", DBNull.Value)]);
        (await Members(cluster)).ShouldBe(3);

        await Run("CleanupDefunctSiloEntryKey", [.. Key(cluster, 1), ("StartTime", Started), ("IAmAliveTime", Started.AddMinutes(1)), ("SuspectTimes", DBNull.Value)]);
        (await Members(cluster)).ShouldBe(2);
        await Run("CleanupDefunctSiloEntriesKey", ("DeploymentId", cluster), ("IAmAliveTime", Started.AddHours(1)));
        (await Members(cluster)).ShouldBe(1, "the Active silo stays");

        await Run("DeleteMembershipTableEntriesKey", ("DeploymentId", cluster));
        (await Members(cluster)).ShouldBe(0);
        (await Count("SELECT count(*) FROM orleans_membership_versions WHERE deployment_id = $1", cluster)).ShouldBe(0);
    }

    [Fact]
    public async Task A_stale_membership_write_changes_nothing_and_leaves_the_version()
    {
        const string cluster = "stale";
        await Run("InsertMembershipVersionKey", ("DeploymentId", cluster));
        (await Scalar("InsertMembershipVersionKey", ("DeploymentId", cluster))).ShouldBe(0, "the version row exists");
        (await InsertMember(cluster, generation: 1, version: 0)).ShouldBe(1);

        (await InsertMember(cluster, generation: 1, version: 1)).ShouldBe(0, "the row exists");
        (await InsertMember(cluster, generation: 2, version: 0)).ShouldBe(0, "the version moved on");
        (await Scalar("UpdateMembershipKey", Member(cluster, 1, status: 6, version: 0))).ShouldBe(0);
        (await Scalar("UpdateMembershipKey", Member(cluster, 9, status: 6, version: 1))).ShouldBe(0, "no such silo");

        (await Count("SELECT version FROM orleans_membership_versions WHERE deployment_id = $1", cluster)).ShouldBe(1);
        (await Count("SELECT status FROM orleans_membership WHERE deployment_id = $1", cluster)).ShouldBe(3);
    }

    [Fact]
    public async Task Grain_state_rows_are_written_cleared_and_deleted_conditionally_on_their_version()
    {
        (string, object)[] grain =
        [
            ("GrainIdHash", 7), ("GrainIdN0", 0L), ("GrainIdN1", 0L), ("GrainTypeHash", 9), ("GrainTypeString", "query-tests-state"),
            ("GrainIdExtensionString", "job:1"), ("ServiceId", "service"),
        ];

        (await Scalar("WriteToStorageKey", [.. grain, ("GrainStateVersion", DBNull.Value), ("PayloadBinary", new byte[] { 1 })])).ShouldBe(1);
        (await Scalar("WriteToStorageKey", [.. grain, ("GrainStateVersion", DBNull.Value), ("PayloadBinary", new byte[] { 2 })])).ShouldBeNull("a second first write");
        (await Scalar("WriteToStorageKey", [.. grain, ("GrainStateVersion", 1), ("PayloadBinary", new byte[] { 3 })])).ShouldBe(2);
        (await Scalar("WriteToStorageKey", [.. grain, ("GrainStateVersion", 1), ("PayloadBinary", new byte[] { 4 })])).ShouldBeNull("a stale write");
        (await Scalar("ClearStorageKey", [.. grain, ("GrainStateVersion", 2)])).ShouldBe(3);
        (await Count("SELECT count(*) FROM orleans_grain_state WHERE payload IS NULL AND grain_id_string = 'job:1'")).ShouldBe(1);

        (await Scalar("DeleteStorageKey", [.. grain, ("GrainStateVersion", 2)])).ShouldBeNull("a stale delete");
        (await Scalar("DeleteStorageKey", [.. grain, ("GrainStateVersion", 3)])).ShouldBe(4);
        (await Count("SELECT count(*) FROM orleans_grain_state WHERE grain_id_string = 'job:1'")).ShouldBe(0);
    }

    private static (string, object)[] Key(string cluster, int generation) =>
        [("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", generation)];

    private static (string, object)[] Member(string cluster, int generation, int status, int version) =>
        [.. Key(cluster, generation), ("Status", status), ("SuspectTimes", DBNull.Value), ("IAmAliveTime", Started.AddMinutes(1)), ("Version", version)];

    private Task<object?> InsertMember(string cluster, int generation, int version) => Scalar(
        "InsertMembershipKey",
        [
            .. Key(cluster, generation), ("SiloName", $"silo-{generation}"), ("HostName", "host"), ("Status", 3), ("ProxyPort", 30000),
            ("StartTime", Started), ("IAmAliveTime", Started.AddMinutes(1)), ("Version", version),
        ]);

    private Task<long> Members(string cluster) => Count("SELECT count(*) FROM orleans_membership WHERE deployment_id = $1", cluster);

    private async Task<long> Count(string sql, params object[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task Run(string key, params (string Name, object Value)[] parameters) => await Scalar(key, parameters);

    private async Task<object?> Scalar(string key, params (string Name, object Value)[] parameters)
    {
        await using var lookup = database.DataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1");
        lookup.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var command = database.DataSource.CreateCommand((string)(await lookup.ExecuteScalarAsync())!);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value));
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }
}
