namespace Platform;

/// <summary>
/// An object outside the grain world (a client, a test, a websocket session) that grains can call back.
/// Create a reference with <see cref="IGrainFactory.CreateObjectReference{TObserver}"/>; calls to it run one at a time.
/// </summary>
public interface IGrainObserver : IAddressable;
