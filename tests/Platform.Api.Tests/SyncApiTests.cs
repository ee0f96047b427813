using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

/// <summary>Offline sync and notification polling through the HTTP API, each caller on grains of their own.</summary>
[Collection(ApiCollection.Name)]
public sealed class SyncApiTests(ApiCluster cluster)
{
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddMinutes(-10);

    [Fact]
    public async Task A_replayed_batch_is_applied_once()
    {
        using var phone = cluster.Client(ApiCluster.NewTenant(), "alice", "client");
        var batch = Batch("phone", 0, Mutation("tx-1", new() { ["phone"] = 1 }, "draft", "job-1", "Pastry chef", Earlier));

        var first = await SyncAsync(phone, batch);
        var replayed = await SyncAsync(phone, batch);

        first.GetProperty("outcomes")[0].GetProperty("status").GetString().ShouldBe("Applied");
        replayed.GetProperty("outcomes")[0].GetProperty("status").GetString().ShouldBe("Duplicate");
        replayed.GetProperty("cursor").GetInt64().ShouldBe(first.GetProperty("cursor").GetInt64());
        var change = replayed.GetProperty("changes").EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("value").GetString().ShouldBe("Pastry chef");
        change.GetProperty("sequence").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_edits_of_two_devices_converge_whatever_order_they_arrive_in()
    {
        var tenant = ApiCluster.NewTenant();
        var fromPhone = Batch("phone", 0, Mutation("tx-phone", new() { ["phone"] = 1 }, "note", "shift", "bring knives", Earlier));
        var fromTablet = Batch("tablet", 0, Mutation("tx-tablet", new() { ["tablet"] = 1 }, "note", "shift", "bring aprons", Earlier.AddMinutes(1)));
        using var alice = cluster.Client(tenant, "alice", "client");
        using var bob = cluster.Client(tenant, "bob", "client");

        await SyncAsync(alice, fromPhone);
        await SyncAsync(alice, fromTablet);
        await SyncAsync(bob, fromTablet);
        await SyncAsync(bob, fromPhone);
        var alicePhone = await SyncAsync(alice, Batch("phone", 0));
        var aliceTablet = await SyncAsync(alice, Batch("tablet", 0));
        var bobPhone = await SyncAsync(bob, Batch("phone", 0));

        foreach (var seen in new[] { alicePhone, aliceTablet, bobPhone })
        {
            var entry = seen.GetProperty("changes").EnumerateArray().ShouldHaveSingleItem();
            entry.GetProperty("value").GetString().ShouldBe("bring aprons");
            entry.GetProperty("deviceId").GetString().ShouldBe("tablet");
            entry.GetProperty("vectorClock").GetProperty("phone").GetInt64().ShouldBe(1);
            entry.GetProperty("vectorClock").GetProperty("tablet").GetInt64().ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_malformed_batch_is_a_400_naming_the_field_and_changes_nothing()
    {
        using var phone = cluster.Client(ApiCluster.NewTenant(), "alice", "client");
        var withoutOwnClock = Batch(
            "phone",
            0,
            Mutation("tx-ok", new() { ["phone"] = 1 }, "draft", "a", "fine", Earlier),
            Mutation("tx-bad", new() { ["tablet"] = 1 }, "draft", "b", "no own counter", Earlier));

        var refused = await (await phone.PostAsJsonAsync("/api/sync", withoutOwnClock)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var missingDevice = await (await phone.PostAsJsonAsync("/api/sync", new { cursor = 0, mutations = Array.Empty<object>() }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var detail = refused.GetProperty("detail").GetString()!;
        detail.ShouldContain("'tx-bad'");
        detail.ShouldContain("vector clock");
        missingDevice.GetProperty("errors").EnumerateObject().ShouldHaveSingleItem().Name.ShouldBe("DeviceId", StringCompareShould.IgnoreCase);
        (await SyncAsync(phone, Batch("phone", 0))).GetProperty("changes").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Another_users_entries_are_never_returned()
    {
        var tenant = ApiCluster.NewTenant();
        using var alice = cluster.Client(tenant, "alice", "client");
        using var bob = cluster.Client(tenant, "bob", "freelancer");
        using var aliceOfAnotherTenant = cluster.Client(ApiCluster.NewTenant(), "alice", "client");
        await SyncAsync(alice, Batch("phone", 0, Mutation("tx-1", new() { ["phone"] = 1 }, "saved-search", "bakers", "baking near me", Earlier)));

        var seenByBob = await SyncAsync(bob, Batch("phone", 0));
        var seenInOtherTenant = await SyncAsync(aliceOfAnotherTenant, Batch("phone", 0));

        seenByBob.GetProperty("changes").GetArrayLength().ShouldBe(0);
        seenByBob.GetProperty("cursor").GetInt64().ShouldBe(0);
        seenInOtherTenant.GetProperty("changes").GetArrayLength().ShouldBe(0);
        (await SyncAsync(alice, Batch("phone", 0))).GetProperty("changes").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Polling_notifications_returns_the_alert_of_an_application_once()
    {
        var tenant = ApiCluster.NewTenant();
        using var client = cluster.Client(tenant, "alice", "client");
        using var freelancer = cluster.Client(tenant, "bruno", "freelancer");
        using var otherClient = cluster.Client(tenant, "dora", "client");
        var posted = await client.PostIdempotentAsync("/api/jobs", Samples.Job());
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await freelancer.PutAsJsonAsync("/api/freelancers/me", Samples.Profile())).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await freelancer.PostIdempotentAsync($"{posted.Headers.Location}/applications", new { coverNote = "I bake." })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var polled = (await Eventually.ValueAsync(async () =>
        {
            var found = await (await client.GetAsync("/api/notifications?since=0")).ShouldBeJsonAsync(HttpStatusCode.OK);
            return found.GetProperty("alerts").GetArrayLength() > 0 ? found : default(JsonElement?);
        }))!.Value;
        var alert = polled.GetProperty("alerts").EnumerateArray().ShouldHaveSingleItem();
        alert.GetProperty("kind").GetString().ShouldBe("ApplicationReceived");
        alert.GetProperty("payload").GetProperty("freelancer").GetString().ShouldBe($"{tenant}/bruno");
        var latest = polled.GetProperty("lastSequence").GetInt64();
        var next = await (await client.GetAsync($"/api/notifications?since={latest}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        next.GetProperty("alerts").GetArrayLength().ShouldBe(0);
        var other = await (await otherClient.GetAsync("/api/notifications")).ShouldBeJsonAsync(HttpStatusCode.OK);
        other.GetProperty("alerts").GetArrayLength().ShouldBe(0);
        await (await client.GetAsync("/api/notifications?since=-1")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    private static object Batch(string deviceId, long cursor, params object[] mutations) => new { deviceId, cursor, mutations };

    private static object Mutation(string transactionHash, Dictionary<string, long> vectorClock, string entity, string key, string? value, DateTimeOffset clientTimestamp) =>
        new { transactionHash, vectorClock, entity, key, value, clientTimestamp };

    private static async Task<JsonElement> SyncAsync(HttpClient device, object batch) =>
        await (await device.PostAsJsonAsync("/api/sync", batch)).ShouldBeJsonAsync(HttpStatusCode.OK);
}
