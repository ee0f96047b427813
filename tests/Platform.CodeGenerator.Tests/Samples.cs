namespace Platform.CodeGenerator.Tests;

internal static class Samples
{
    /// <summary>A realistic grain assembly: keyed and observer interfaces, inheritance with a diamond, overloads and options.</summary>
    public const string Realistic = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Platform;
        using Platform.Persistence;

        namespace Sample.Jobs
        {
            public interface IJobGrain : IGrainWithStringKey
            {
                Task<string> GetStatus();

                [ReadOnly]
                Task<int> Count(string? filter);

                Task Start(string name, int priority, CancellationToken cancellationToken);

                Task Start(string name);

                [AlwaysInterleave]
                ValueTask<IReadOnlyList<string>?> History(int take);

                [OneWay]
                Task Ping();

                [OneWay]
                ValueTask Poke(int @class);

                [ResponseTimeout("00:00:05")]
                ValueTask Finish(Guid id);

                [ReadOnly, AlwaysInterleave, ResponseTimeout("1.02:03:04.5")]
                Task<DateTime?> LastRun();

                void Fire(string message);

                Task<int> Add(int request, int request_);
            }

            public interface IJobObserver : IGrainObserver
            {
                void OnProgress(string job, double percent);

                Task OnCompleted(string job);
            }

            public interface ICounterGrain : IGrainWithIntegerKey
            {
                Task<long> Increment(long by);
            }

            public interface ISessionGrain : IGrainWithGuidKey
            {
                Task Subscribe(IJobObserver observer);
            }

            public interface INamed : IGrainWithStringKey
            {
                Task<string> GetName();
            }

            public interface IDescribed : INamed
            {
                Task<string> Describe();

                Task Reset();
            }

            public interface ITagged : INamed
            {
                Task<string[]> GetTags();

                Task Reset();
            }

            public interface IResourceGrain : IDescribed, ITagged
            {
                Task Rename(string name);
            }

            public static class Outer
            {
                public interface IInnerGrain : IGrainWithGuidKey
                {
                    Task<Guid> Echo(Guid value);
                }
            }

            namespace Nested.Deeper
            {
                internal interface IDeepGrain : IGrainWithIntegerKey
                {
                    Task<Outer.IInnerGrain> Next(Outer.IInnerGrain? previous);
                }
            }

            public sealed class JobState
            {
                public string Status { get; set; } = "new";
            }

            public sealed class JobGrain : Grain, IJobGrain
            {
                private readonly IPersistentState<JobState> _state;

                public JobGrain([PersistentState("job", "store")] IPersistentState<JobState> state, ILogger<JobGrain> logger, IGrainContext context)
                {
                    _state = state;
                    Logger = logger;
                    Context = context;
                }

                public JobGrain(ILogger<JobGrain> logger)
                    : this(null!, logger, null!)
                {
                }

                public ILogger Logger { get; }

                public IGrainContext Context { get; }

                public IPersistentState<JobState> State => _state;

                public Task<string> GetStatus() => Task.FromResult(_state.State.Status);

                public Task<int> Count(string? filter) => Task.FromResult(filter?.Length ?? 0);

                public Task Start(string name, int priority, CancellationToken cancellationToken) => Task.CompletedTask;

                public Task Start(string name) => Task.CompletedTask;

                public ValueTask<IReadOnlyList<string>?> History(int take) => new((IReadOnlyList<string>?)null);

                public Task Ping() => Task.CompletedTask;

                public ValueTask Poke(int @class) => default;

                public ValueTask Finish(Guid id) => default;

                public Task<DateTime?> LastRun() => Task.FromResult<DateTime?>(null);

                public void Fire(string message)
                {
                }

                public Task<int> Add(int request, int request_) => Task.FromResult(request + request_);
            }

            internal sealed class CounterGrain : Grain, ICounterGrain
            {
                private long _value;

                internal CounterGrain(TimeProvider time)
                {
                    Time = time;
                }

                private CounterGrain(TimeProvider time, long start)
                    : this(time)
                {
                    _value = start;
                }

                public TimeProvider Time { get; }

                public Task<long> Increment(long by) => Task.FromResult(_value += by);
            }

            public abstract class GrainBase : Grain
            {
            }

            public partial class ResourceGrain : GrainBase
            {
            }

            public partial class ResourceGrain : IResourceGrain
            {
                public Task<string> GetName() => Task.FromResult("r");

                public Task<string> Describe() => Task.FromResult("d");

                Task IDescribed.Reset() => Task.CompletedTask;

                Task ITagged.Reset() => Task.CompletedTask;

                public Task<string[]> GetTags() => Task.FromResult(Array.Empty<string>());

                public Task Rename(string name) => Task.CompletedTask;
            }

            /// <summary>Not a grain: records calls so that tests can run requests against it.</summary>
            public sealed class RecordingJob : IJobGrain
            {
                public List<string> Calls { get; } = new();

                public Task<string> GetStatus() => Record("GetStatus", "running");

                public Task<int> Count(string? filter) => Record("Count " + filter, 42);

                public Task Start(string name, int priority, CancellationToken cancellationToken) => Record($"Start {name} {priority} {cancellationToken.CanBeCanceled}", 0);

                public Task Start(string name) => Record("Start " + name, 0);

                public ValueTask<IReadOnlyList<string>?> History(int take) => new(Record("History " + take, (IReadOnlyList<string>?)new[] { "a" }));

                public Task Ping() => Record("Ping", 0);

                public ValueTask Poke(int @class) => new(Record("Poke " + @class, 0));

                public ValueTask Finish(Guid id) => new(Record("Finish " + id, 0));

                public Task<DateTime?> LastRun() => Record("LastRun", (DateTime?)null);

                public void Fire(string message) => Record("Fire " + message, 0);

                public Task<int> Add(int request, int request_) => Record($"Add {request} {request_}", request + request_);

                private Task<T> Record<T>(string call, T result)
                {
                    Calls.Add(call);
                    return Task.FromResult(result);
                }
            }
        }
        """;
}
