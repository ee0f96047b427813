namespace Platform.Orleans.Tests.Telemetry;

public interface ITracedGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="next"/>'s <see cref="Fail"/> when <paramref name="fail"/>, else its <see cref="Echo"/>.</summary>
    Task<string> Relay(string next, bool fail);

    Task<string> Echo(string text);

    Task<string> Fail();
}
