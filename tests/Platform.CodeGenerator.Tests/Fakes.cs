using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Invocation;
using Platform.Persistence;
using Platform.Reminders;
using Platform.Timers;

namespace Platform.CodeGenerator.Tests;

internal sealed class RecordingRegistry : IGeneratedCodeRegistry
{
    public Dictionary<Type, Func<GrainId, IGrainCallRuntime, object>> Proxies { get; } = [];

    public Dictionary<Type, Func<IServiceProvider, IGrainContext, Grain>> Grains { get; } = [];

    public Dictionary<uint, (string Name, RequestReader Reader)> Requests { get; } = [];

    public void AddProxy<TInterface>(Func<GrainId, IGrainCallRuntime, TInterface> factory)
        where TInterface : class, IAddressable => Proxies.Add(typeof(TInterface), (id, runtime) => factory(id, runtime));

    public void AddGrain<TGrain>(Func<IServiceProvider, IGrainContext, TGrain> activator)
        where TGrain : Grain => Grains.Add(typeof(TGrain), (services, context) => activator(services, context));

    public void AddRequest(uint methodId, string methodName, RequestReader reader) => Requests[methodId] = (methodName, reader);
}

/// <summary>Keeps every request a proxy sends instead of delivering it.</summary>
internal sealed class CapturingRuntime : IGrainCallRuntime
{
    public List<(GrainReference Target, Request Request)> Sent { get; } = [];

    public IGrainFactory GrainFactory => throw new NotSupportedException();

    public void Send(GrainReference target, Request request) => Sent.Add((target, request));
}

internal sealed class FakeStateFactory : IPersistentStateFactory
{
    public List<(string StateName, string? StorageName)> Created { get; } = [];

    public IPersistentState<TState> Create<TState>(IGrainContext context, string stateName, string? storageName)
        where TState : new()
    {
        Created.Add((stateName, storageName));
        return new FakeState<TState>();
    }
}

internal sealed class FakeState<TState> : IPersistentState<TState>
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag => null;

    public bool RecordExists => false;

    public Task ReadStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task ClearStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}

internal sealed class FakeServices(FakeStateFactory stateFactory) : IServiceProvider
{
    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(IPersistentStateFactory))
        {
            return stateFactory;
        }

        if (serviceType.IsGenericType && serviceType.GetGenericTypeDefinition() == typeof(ILogger<>))
        {
            return Activator.CreateInstance(typeof(NullLogger<>).MakeGenericType(serviceType.GetGenericArguments()));
        }

        return serviceType == typeof(TimeProvider) ? TimeProvider.System : null;
    }
}

internal sealed class FakeGrainContext(GrainId grainId, IServiceProvider services) : IGrainContext
{
    public GrainId GrainId { get; } = grainId;

    public IGrainFactory GrainFactory => throw new NotSupportedException();

    public IServiceProvider Services { get; } = services;

    public TimeProvider TimeProvider => TimeProvider.System;

    public IReminderRegistry Reminders => throw new NotSupportedException();

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerOptions options) => throw new NotSupportedException();

    public void DeactivateOnIdle()
    {
    }

    public void DelayDeactivation(TimeSpan period)
    {
    }
}
