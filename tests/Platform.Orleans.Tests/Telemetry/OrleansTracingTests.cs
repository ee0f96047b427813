using System.Diagnostics;

namespace Platform.Orleans.Tests.Telemetry;

public sealed class OrleansTracingTests(OrleansTracingCluster cluster) : IClassFixture<OrleansTracingCluster>
{
    [Fact]
    public async Task With_Orleans_propagation_added_too_each_call_has_one_client_and_one_server_span()
    {
        using var recorder = new SpanRecorder();
        var first = cluster.Grains.GetGrain<ITracedGrain>("both");

        var spans = await recorder.TraceAsync(async () => await first.Relay("both-second", fail: false));

        var echo = spans.Where(span => span.OperationName.EndsWith("Echo", StringComparison.Ordinal)).ToList();
        echo.Select(span => span.Kind).Order().ShouldBe([ActivityKind.Server, ActivityKind.Client]);
        echo.Single(span => span.Kind == ActivityKind.Server).ParentSpanId.ShouldBe(echo.Single(span => span.Kind == ActivityKind.Client).SpanId);
    }
}
