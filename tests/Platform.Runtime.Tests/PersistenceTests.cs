using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.Persistence;
using Platform.Runtime.Storage;
using Platform.Runtime.Tests.Grains;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task State_is_read_before_activation_and_survives_deactivation()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("durable");
        await grain.Add(7);
        var etag = await grain.GetEtag();

        await Should.ThrowAsync<CorruptStateException>(() => grain.Fail("restart"));

        (await grain.Get()).ShouldBe(7);
        (await grain.GetEtag()).ShouldBe(etag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_the_grain_restarts_from_the_newer_state()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("stale");
        await grain.Add(1);
        var storage = cluster.PrimarySilo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var grainId = grain.GetGrainId();
        var stored = await storage.ReadAsync(grainId, "counter", CancellationToken.None);

        // Another writer (say, a stale duplicate activation elsewhere) moves the record on.
        await storage.WriteAsync(grainId, "counter", Encoding.UTF8.GetBytes("{\"value\":40}"), stored!.Etag, CancellationToken.None);

        var error = await Should.ThrowAsync<InconsistentStateException>(() => grain.Add(1));
        error.Message.ShouldContain("was changed by someone else");
        error.ExpectedEtag.ShouldBe(stored.Etag);
        (await grain.Add(2)).ShouldBe(42, "the default policy restarts the activation, which re-reads the newer state");
    }

    [Fact]
    public async Task Clearing_state_removes_the_record()
    {
        var (cluster, _) = await TestClusters.StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("clear");
        await grain.Add(5);

        await grain.Clear();

        (await grain.Get()).ShouldBe(0);
        (await grain.GetEtag()).ShouldBeNull();
        var stored = await cluster.PrimarySilo.Services.GetRequiredKeyedService<IGrainStorage>("Default")
            .ReadAsync(grain.GetGrainId(), "counter", CancellationToken.None);
        stored.ShouldBeNull();
    }

    [Fact]
    public async Task Memory_storage_enforces_etags_on_insert_update_and_clear()
    {
        var storage = new MemoryGrainStorage();
        var id = new GrainId("t", "1");
        var data = Encoding.UTF8.GetBytes("{}");

        var first = await storage.WriteAsync(id, "s", data, null, CancellationToken.None);
        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", data, null, CancellationToken.None));
        var second = await storage.WriteAsync(id, "s", data, first, CancellationToken.None);
        second.ShouldNotBe(first);
        var stale = await Should.ThrowAsync<InconsistentStateException>(() => storage.ClearAsync(id, "s", first, CancellationToken.None));
        stale.StoredEtag.ShouldBe(second);
        await storage.ClearAsync(id, "s", second, CancellationToken.None);
        (await storage.ReadAsync(id, "s", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Stored_state_is_a_copy_not_the_callers_buffer()
    {
        var storage = new MemoryGrainStorage();
        var id = new GrainId("t", "copy");
        var data = Encoding.UTF8.GetBytes("{\"a\":1}");

        await storage.WriteAsync(id, "s", data, null, CancellationToken.None);
        data[2] = (byte)'b';

        Encoding.UTF8.GetString((await storage.ReadAsync(id, "s", CancellationToken.None))!.Data.Span).ShouldBe("{\"a\":1}");
    }
}
