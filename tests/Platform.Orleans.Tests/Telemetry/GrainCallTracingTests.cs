using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Orleans.Tests.Telemetry;

public sealed class GrainCallTracingTests(TracingCluster cluster) : IClassFixture<TracingCluster>
{
    [Fact]
    public async Task A_call_through_two_grains_is_one_trace_of_linked_client_and_server_spans()
    {
        using var recorder = new SpanRecorder();
        var first = cluster.Grains.GetGrain<ITracedGrain>("first");

        var spans = await recorder.TraceAsync(async () => (await first.Relay("second", fail: false)).ShouldBe("first"));

        var clientRelay = spans.Single(span => span.Kind == ActivityKind.Client && span.OperationName.EndsWith("Relay", StringComparison.Ordinal));
        var serverRelay = spans.Single(span => span.Kind == ActivityKind.Server && span.OperationName.EndsWith("Relay", StringComparison.Ordinal));
        var clientEcho = spans.Single(span => span.Kind == ActivityKind.Client && span.OperationName.EndsWith("Echo", StringComparison.Ordinal));
        var serverEcho = spans.Single(span => span.Kind == ActivityKind.Server && span.OperationName.EndsWith("Echo", StringComparison.Ordinal));
        serverRelay.ParentSpanId.ShouldBe(clientRelay.SpanId, "the silo continues the client's span");
        clientEcho.ParentSpanId.ShouldBe(serverRelay.SpanId, "the grain's own call is a child of its turn");
        serverEcho.ParentSpanId.ShouldBe(clientEcho.SpanId);
        clientEcho.GetTagItem("rpc.method").ShouldBe($"{typeof(ITracedGrain).FullName}/Echo", "the tags Orleans' own propagation sets");
        clientEcho.GetTagItem("orleans.rpc.target_id").ShouldBe("traced/second");
        clientEcho.GetTagItem("orleans.rpc.source_id").ShouldBe("traced/first");
        serverEcho.GetTagItem("rpc.system.name").ShouldBe("orleans");
    }

    [Fact]
    public async Task A_failed_call_marks_the_client_and_server_spans_failed()
    {
        using var recorder = new SpanRecorder();
        var first = cluster.Grains.GetGrain<ITracedGrain>("failing-first");

        var spans = await recorder.TraceAsync(() => Should.ThrowAsync<TimeoutException>(() => first.Relay("failing-second", fail: true)));

        var failSpans = spans.Where(span => span.OperationName.EndsWith("Fail", StringComparison.Ordinal)).ToList();
        failSpans.Select(span => span.Kind).Order().ShouldBe([ActivityKind.Server, ActivityKind.Client]);
        failSpans.ShouldAllBe(span => span.Status == ActivityStatusCode.Error && (string?)span.GetTagItem("exception.type") == "System.TimeoutException");
    }

    [Fact]
    public async Task Without_a_listener_no_span_is_made()
    {
        var first = cluster.Grains.GetGrain<ITracedGrain>("unheard");
        using var test = new Activity("test").Start();

        (await first.Relay("unheard-second", fail: false)).ShouldBe("unheard");

        Activity.Current.ShouldBe(test, "the calls leave the caller's current activity as it was");
    }

    [Fact]
    public void Silos_keep_Orleans_direct_send_path()
    {
        // Any outgoing grain call filter takes every call off that path (docs/decisions/0007).
        cluster.SiloServices(0).GetServices<IOutgoingGrainCallFilter>().ShouldBeEmpty();
    }
}
