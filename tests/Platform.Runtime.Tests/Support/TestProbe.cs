using System.Collections.Concurrent;

namespace Platform.Runtime.Tests.Support;

/// <summary>Shared by test grains and tests (a DI singleton): records what grains did and holds gates that tests open.</summary>
public sealed class TestProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyList<string> Events => _events.ToArray();

    public void Record(string @event) => _events.Enqueue(@event);

    public int Count(string @event) => _events.Count(e => e == @event);

    public Task Gate(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Open(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
