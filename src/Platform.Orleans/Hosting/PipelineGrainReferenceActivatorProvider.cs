using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.CodeGeneration;
using Orleans.GrainReferences;
using Orleans.Metadata;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Serializers;

namespace Platform.Orleans.Hosting;

/// <summary>
/// Makes every typed grain reference of this host send its calls through <see cref="PlatformCallPipeline"/>: it asks
/// Orleans' own providers for the reference type (the generated proxy) and builds the same references with the
/// pipeline as their runtime. The pipeline is not registered as <see cref="IGrainReferenceRuntime"/> itself because
/// Orleans' grain factory casts that service to its own class. Untyped references carry no methods, so Orleans keeps
/// making those. Registered ahead of Orleans' providers, which Orleans asks in order.
/// </summary>
internal sealed class PipelineGrainReferenceActivatorProvider(IServiceProvider services) : IGrainReferenceActivatorProvider
{
    // The probe reference is never called: it only shows which proxy type and version Orleans would use.
    private const string ProbeKey = "platform-probe";

    private IGrainReferenceActivatorProvider[]? _orleansProviders;

    public bool TryGet(GrainType grainType, GrainInterfaceType interfaceType, [NotNullWhen(true)] out IGrainReferenceActivator? activator)
    {
        activator = null;
        if (interfaceType.IsDefault)
        {
            return false;
        }

        // Resolved on first use: Orleans' grain reference activator, which asks this provider, is made with the providers.
        _orleansProviders ??= [.. services.GetServices<IGrainReferenceActivatorProvider>().Where(provider => !ReferenceEquals(provider, this))];
        foreach (var provider in _orleansProviders)
        {
            if (!provider.TryGet(grainType, interfaceType, out var orleansActivator))
            {
                continue;
            }

            var probe = orleansActivator.CreateReference(GrainId.Create(grainType, ProbeKey));
            var shared = new GrainReferenceShared(
                grainType,
                interfaceType,
                probe.InterfaceVersion,
                services.GetRequiredService<PlatformCallPipeline>(),
                OptionsOf(grainType),
                services.GetRequiredService<CodecProvider>(),
                services.GetRequiredService<CopyContextPool>(),
                services);
            activator = new PipelineReferenceActivator(shared, ConstructorOf(probe.GetType()));
            return true;
        }

        return false;
    }

    /// <summary>The options Orleans gives references of the grain type: unordered when the grain class says so.</summary>
    private InvokeMethodOptions OptionsOf(GrainType grainType)
    {
        var properties = services.GetRequiredService<GrainPropertiesResolver>().GetGrainProperties(grainType).Properties;
        return properties.TryGetValue(WellKnownGrainTypeProperties.Unordered, out var unordered)
            && string.Equals("true", unordered, StringComparison.OrdinalIgnoreCase)
            ? InvokeMethodOptions.Unordered
            : InvokeMethodOptions.None;
    }

    private static Func<GrainReferenceShared, IdSpan, GrainReference> ConstructorOf(Type proxyType)
    {
        var constructor = proxyType.GetConstructor(
            BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(GrainReferenceShared), typeof(IdSpan)])
            ?? throw new InvalidOperationException($"Grain reference type {proxyType} has no constructor taking GrainReferenceShared and IdSpan.");
        var shared = Expression.Parameter(typeof(GrainReferenceShared));
        var key = Expression.Parameter(typeof(IdSpan));
        return Expression.Lambda<Func<GrainReferenceShared, IdSpan, GrainReference>>(Expression.New(constructor, shared, key), shared, key).Compile();
    }

    private sealed class PipelineReferenceActivator(GrainReferenceShared shared, Func<GrainReferenceShared, IdSpan, GrainReference> create)
        : IGrainReferenceActivator
    {
        public GrainReference CreateReference(GrainId grainId) => create(shared, grainId.Key);
    }
}
