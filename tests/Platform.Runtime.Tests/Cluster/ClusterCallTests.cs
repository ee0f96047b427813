using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Persistence;
using Platform.Runtime.Tests.Grains;
using Platform.Testing;

namespace Platform.Runtime.Tests.Cluster;

/// <summary>Three silos in zones a, b and c over loopback TCP, in one process.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterCallTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterTestHost.StartAsync(["a", "b", "c"]);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Calls_from_every_silo_reach_one_activation_on_the_owner()
    {
        var keys = Enumerable.Range(0, 60).Select(i => $"counter-{i}").ToList();
        foreach (var silo in _cluster.Silos)
        {
            await Task.WhenAll(keys.Select(key => silo.GrainFactory.GetGrain<IPlacedCounterGrain>(key).Add(1)));
        }

        var owners = new List<string>();
        foreach (var key in keys)
        {
            var grain = _cluster.PrimarySilo.GrainFactory.GetGrain<IPlacedCounterGrain>(key);
            (await grain.Get()).ShouldBe(3, $"{key} was called once from each silo and must have one activation");
            var host = await grain.Host();
            host.ShouldBe(_cluster.PrimarySilo.Runtime.Cluster!.OwnerOf(new GrainId("placedcounter", key)).ToString());
            owners.Add(host);
        }

        owners.Distinct().Count().ShouldBe(3, "sixty grains spread over all three silos");
        _cluster.Silos.Sum(silo => silo.ActivationCount).ShouldBe(60);
    }

    [Fact]
    public async Task A_client_routes_each_call_to_the_owner_and_learns_the_view()
    {
        var client = await _cluster.ConnectClientAsync();
        client.ActiveSilos.Count.ShouldBe(3);
        foreach (var key in Enumerable.Range(0, 30).Select(i => $"client-{i}"))
        {
            var grain = client.GetGrain<IPlacedCounterGrain>(key);
            (await grain.Add(5)).ShouldBe(5);
            (await grain.Host()).ShouldBe(_cluster.PrimarySilo.Runtime.Cluster!.OwnerOf(new GrainId("placedcounter", key)).ToString());
        }
    }

    [Fact]
    public async Task Observers_on_a_client_receive_callbacks_from_grains_on_any_silo()
    {
        var client = await _cluster.ConnectClientAsync();
        var received = new ConcurrentQueue<string>();
        var observer = client.CreateObjectReference<INewsObserver>(new NewsCollector(received));
        var channels = Enumerable.Range(0, 6).Select(i => client.GetGrain<INewsGrain>($"news-{i}")).ToList();
        foreach (var channel in channels)
        {
            await channel.Subscribe(observer);
        }

        foreach (var (channel, i) in channels.Select((channel, i) => (channel, i)))
        {
            (await channel.Publish($"headline {i}")).ShouldBe(1);
        }

        await Eventually.Until(() => received.Count == 6, "every channel's headline reaches the client");
        received.Order().ShouldBe(Enumerable.Range(0, 6).Select(i => $"headline {i}"));
    }

    [Fact]
    public async Task A_deadline_holds_across_the_network()
    {
        var client = await _cluster.ConnectClientAsync();
        var grain = client.GetGrain<IPlacedCounterGrain>("sleeper");
        var error = await Should.ThrowAsync<GrainCallTimeoutException>(() => grain.Sleep(TimeSpan.FromSeconds(20)));
        error.Message.ShouldContain("Sleep");
        error.Message.ShouldContain("timed out after");
    }

    [Fact]
    public async Task Stateless_workers_run_several_local_activations_and_never_leave_the_calling_silo()
    {
        var silo = _cluster.Silos[1];
        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => silo.GrainFactory.GetGrain<IScorerGrain>(7).Score(TimeSpan.FromMilliseconds(300))));
        results.ShouldAllBe(result => result.StartsWith(silo.Address + "#", StringComparison.Ordinal));
        results.Distinct().Count().ShouldBeInRange(2, 4, "up to [StatelessWorker(4)] activations serve one grain id at once");
    }

    [Fact]
    public async Task A_stale_activation_cannot_overwrite_newer_state_and_is_discarded()
    {
        var grain = _cluster.PrimarySilo.GrainFactory.GetGrain<IPlacedCounterGrain>("contested");
        (await grain.Add(1)).ShouldBe(1);

        // Another activation (say, on a silo with an older view) wrote meanwhile: the stored ETag moved on.
        var storage = _cluster.PrimarySilo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var grainId = new GrainId("placedcounter", "contested");
        var stored = await storage.ReadAsync(grainId, "counter", CancellationToken.None);
        var newer = JsonSerializer.SerializeToUtf8Bytes(new CounterState { Value = 100 }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await storage.WriteAsync(grainId, "counter", newer, stored!.Etag, CancellationToken.None);

        await Should.ThrowAsync<InconsistentStateException>(() => grain.Add(1));
        (await grain.Get()).ShouldBe(100, "the stale activation was discarded and a fresh one read the newer state");
        (await grain.Add(1)).ShouldBe(101);
    }

    [Fact]
    public async Task A_value_that_cannot_be_serialized_fails_only_its_call_with_the_reason()
    {
        var client = await _cluster.ConnectClientAsync();
        var grain = client.GetGrain<IUnsendableGrain>("unsendable");

        var argument = await Should.ThrowAsync<Platform.Serialization.WireFormatException>(() => grain.Measure(new Unsendable()));
        argument.Message.ShouldStartWith("The arguments of Platform.Runtime.Tests.Grains.IUnsendableGrain.Measure to unsendable/unsendable could not be serialized: NotSupportedException:");
        var result = await Should.ThrowAsync<Platform.Serialization.WireFormatException>(() => grain.Make());
        result.Message.ShouldStartWith("The result of Platform.Runtime.Tests.Grains.IUnsendableGrain.Make on unsendable/unsendable could not be serialized: NotSupportedException:");

        // The connection and the grain are fine.
        (await grain.Ping(1)).ShouldBe(2);
    }

    [Fact]
    public async Task Traces_cross_the_wire_from_a_clients_span_and_between_silos()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is Telemetry.RuntimeTelemetry.Name or "test.web",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var web = new ActivitySource("test.web");
        var client = await _cluster.ConnectClientAsync();
        var cluster = _cluster.PrimarySilo.Runtime.Cluster!;
        var keys = Enumerable.Range(0, 1_000).Select(i => $"traced-{Guid.NewGuid():N}").ToList();
        var outer = keys.First();
        var inner = keys.First(key => cluster.OwnerOf(new GrainId("trace", key)) != cluster.OwnerOf(new GrainId("trace", outer)));

        Activity request;
        using (request = web.StartActivity("GET /jobs")!)
        {
            await client.GetGrain<ITraceGrain>(outer).Outer(inner);
        }

        await Eventually.Until(() => spans.Count(span => span.Kind == ActivityKind.Server && span.TraceId == request.TraceId) >= 2, "both grains' server spans stopped");
        var outerServer = spans.Single(span => span.Kind == ActivityKind.Server && span.GetTagItem("grain.id") as string == $"trace/{outer}");
        var innerClient = spans.Single(span => span.Kind == ActivityKind.Client && span.GetTagItem("grain.id") as string == $"trace/{inner}");
        var innerServer = spans.Single(span => span.Kind == ActivityKind.Server && span.GetTagItem("grain.id") as string == $"trace/{inner}");
        outerServer.ParentSpanId.ShouldBe(request.SpanId, "the client's current span is the parent of the first grain's span");
        innerClient.ParentSpanId.ShouldBe(outerServer.SpanId);
        innerServer.ParentSpanId.ShouldBe(innerClient.SpanId, "the trace continues on the other silo");
        innerServer.TraceId.ShouldBe(request.TraceId);
    }

    [Fact]
    public async Task Cancelling_a_call_reaches_the_grain_on_its_silo()
    {
        var client = await _cluster.ConnectClientAsync();
        var grain = client.GetGrain<ICancellableGrain>($"cancel-{Guid.NewGuid():N}");
        using var cancellation = new CancellationTokenSource();
        var waiting = grain.WaitUnlessCancelled(TimeSpan.FromSeconds(25), cancellation.Token);
        await Task.Delay(200);
        cancellation.Cancel();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        await Eventually.Until(() => grain.WasCancelled(), "the grain's token was cancelled from the client");
    }

    private sealed class NewsCollector(ConcurrentQueue<string> received) : INewsObserver
    {
        public void Receive(string headline) => received.Enqueue(headline);
    }
}
