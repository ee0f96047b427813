namespace Platform.Orleans.Tests.Telemetry;

[GrainType("measured")]
public sealed class MeasuredGrain : Grain, IMeasuredGrain
{
    public Task Ping() => Task.CompletedTask;

    public Task<string?> CurrentActivityName() => Task.FromResult(System.Diagnostics.Activity.Current?.OperationName);

    public Task Fail() => throw new TimeoutException("measured failure");
}
