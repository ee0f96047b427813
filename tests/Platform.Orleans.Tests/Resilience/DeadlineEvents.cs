namespace Platform.Orleans.Tests.Resilience;

/// <summary>The memory stream provider and namespace of the stream-deadline test.</summary>
internal static class DeadlineEvents
{
    public const string Provider = "deadline-test";

    public const string Namespace = "deadline-events";

    public static StreamId Stream(string key) => StreamId.Create(Namespace, key);
}
