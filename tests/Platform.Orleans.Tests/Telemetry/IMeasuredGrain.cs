namespace Platform.Orleans.Tests.Telemetry;

public interface IMeasuredGrain : IGrainWithStringKey
{
    Task Ping();

    Task<string?> CurrentActivityName();

    Task Fail();
}
