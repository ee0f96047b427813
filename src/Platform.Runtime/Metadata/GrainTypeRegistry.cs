using System.Collections.Concurrent;
using System.Reflection;
using Platform.Invocation;
using Platform.Runtime.Supervision;

namespace Platform.Runtime.Metadata;

/// <summary>
/// Grain classes and proxies of the assemblies a silo hosts, fed by their generated code. Reflection runs here once
/// per assembly and class at start-up; the call path only does dictionary look-ups.
/// </summary>
internal sealed class GrainTypeRegistry : IGeneratedCodeRegistry
{
    public const string ObserverGrainType = "observer";

    private readonly Dictionary<Type, Func<GrainId, IGrainCallRuntime, object>> _proxies = [];
    private readonly List<(Type Class, Func<IServiceProvider, IGrainContext, Grain> Activator)> _grainClasses = [];
    private readonly Dictionary<uint, (string Name, RequestReader Reader)> _requestReaders = [];
    private readonly HashSet<Assembly> _assemblies = [];
    private readonly ConcurrentDictionary<Type, InterfaceBinding> _bindings = new();
    private Dictionary<string, GrainClassInfo> _classesByType = [];

    public IReadOnlyCollection<GrainClassInfo> Classes => _classesByType.Values;

    public GrainClassInfo ObserverClass { get; private set; } = null!;

    public void AddAssembly(Assembly assembly)
    {
        if (!_assemblies.Add(assembly))
        {
            return;
        }

        var attribute = assembly.GetCustomAttribute<GeneratedCodeProviderAttribute>()
            ?? throw new InvalidOperationException(
                $"Assembly {assembly.GetName().Name} has no generated grain code. Set <PlatformCodeGen>true</PlatformCodeGen> in its project so that proxies and activators are generated.");
        var provider = (IGeneratedCodeProvider)Activator.CreateInstance(attribute.ProviderType)!;
        provider.Register(this);
    }

    public void AddProxy<TInterface>(Func<GrainId, IGrainCallRuntime, TInterface> factory)
        where TInterface : class, IAddressable => _proxies[typeof(TInterface)] = factory;

    public void AddGrain<TGrain>(Func<IServiceProvider, IGrainContext, TGrain> activator)
        where TGrain : Grain => _grainClasses.Add((typeof(TGrain), activator));

    public void AddRequest(uint methodId, string methodName, RequestReader reader)
    {
        if (_requestReaders.TryGetValue(methodId, out var existing) && existing.Name != methodName)
        {
            throw new InvalidOperationException(
                $"Methods {existing.Name} and {methodName} have the same wire id 0x{methodId:X8}; rename one of them.");
        }

        _requestReaders[methodId] = (methodName, reader);
    }

    /// <summary>The reader of a call that arrived over the wire, or null if no hosted interface declares that method.</summary>
    public RequestReader? FindRequestReader(uint methodId) => _requestReaders.TryGetValue(methodId, out var entry) ? entry.Reader : null;

    /// <summary>Turns what was registered into class infos; called once when the silo is built.</summary>
    public void Build(SiloRuntime silo)
    {
        var byType = new Dictionary<string, GrainClassInfo>(StringComparer.Ordinal);
        foreach (var (classType, activator) in _grainClasses)
        {
            var info = CreateClassInfo(silo, classType, activator);
            if (byType.TryGetValue(info.GrainType, out var clash))
            {
                throw new InvalidOperationException(
                    $"Grain classes {clash.ClassType.FullName} and {classType.FullName} both have grain type '{info.GrainType}'; give one a [GrainType(\"...\")] of its own.");
            }

            byType.Add(info.GrainType, info);
        }

        ObserverClass = new GrainClassInfo
        {
            GrainType = ObserverGrainType,
            ClassType = typeof(IGrainObserver),
            Activator = null,
            IsReentrant = false,
            CollectionAge = Timeout.InfiniteTimeSpan,
            MailboxCapacity = silo.Options.DefaultMailboxCapacity,
            Supervisor = new GrainTypeSupervisor(ObserverGrainType, SupervisionPolicy.ForGrainClass(typeof(object), silo.Options), silo),
        };
        byType[ObserverGrainType] = ObserverClass;
        _classesByType = byType;
    }

    public bool IsStatelessWorker(string grainType) => _classesByType.TryGetValue(grainType, out var info) && info.IsStatelessWorker;

    public GrainClassInfo GetClass(string grainType) =>
        _classesByType.TryGetValue(grainType, out var info)
            ? info
            : throw new UnknownGrainTypeException($"No grain class has grain type '{grainType}'. Known types: {string.Join(", ", _classesByType.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>The binding of a grain interface: which class implements it and how to make its proxy.</summary>
    public InterfaceBinding GetGrainBinding(Type grainInterface) => _bindings.GetOrAdd(grainInterface, CreateGrainBinding);

    public Func<GrainId, IGrainCallRuntime, object> GetProxyFactory(Type addressableInterface) =>
        _proxies.TryGetValue(addressableInterface, out var factory)
            ? factory
            : throw new UnknownGrainTypeException(
                $"No generated proxy for {addressableInterface.FullName}: add its assembly with silo.AddGrains(...) and set <PlatformCodeGen>true</PlatformCodeGen> in the project that declares it.");

    // Reads the registered classes rather than the built class infos, so a client (which hosts no grains) can bind too.
    private InterfaceBinding CreateGrainBinding(Type grainInterface)
    {
        var proxy = GetProxyFactory(grainInterface);
        var implementations = _grainClasses
            .Where(grainClass => grainInterface.IsAssignableFrom(grainClass.Class))
            .Select(grainClass => grainClass.Class)
            .ToList();
        if (implementations.Count == 0)
        {
            throw new UnknownGrainTypeException($"No grain class implements {grainInterface.FullName}; add the assembly that contains it with AddGrains(...).");
        }

        if (implementations.Count > 1)
        {
            throw new UnknownGrainTypeException(
                $"{grainInterface.FullName} is implemented by several grain classes ({string.Join(", ", implementations.Select(type => type.Name))}); " +
                "call a more specific interface that only one class implements.");
        }

        return new InterfaceBinding(grainInterface, GrainTypeName(implementations[0]), proxy);
    }

    private static string GrainTypeName(Type classType) =>
        classType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultGrainTypeName(classType);

    private static GrainClassInfo CreateClassInfo(SiloRuntime silo, Type classType, Func<IServiceProvider, IGrainContext, Grain> activator)
    {
        var grainType = GrainTypeName(classType);
        if (string.IsNullOrWhiteSpace(grainType) || grainType.Contains('/', StringComparison.Ordinal) || grainType == ObserverGrainType)
        {
            throw new InvalidOperationException($"Grain type name '{grainType}' of {classType.FullName} is not allowed: it must be non-empty, without '/', and not '{ObserverGrainType}'.");
        }

        var capacity = classType.GetCustomAttribute<MailboxCapacityAttribute>()?.Capacity ?? silo.Options.DefaultMailboxCapacity;
        if (capacity < 1)
        {
            throw new InvalidOperationException($"[MailboxCapacity({capacity})] on {classType.FullName} must be at least 1.");
        }

        return new GrainClassInfo
        {
            GrainType = grainType,
            ClassType = classType,
            Activator = activator,
            IsReentrant = classType.GetCustomAttribute<ReentrantAttribute>() is not null,
            CollectionAge = classType.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Age ?? silo.Options.DefaultCollectionAge,
            MailboxCapacity = capacity,
            MaxLocalWorkers = classType.GetCustomAttribute<StatelessWorkerAttribute>()?.MaxLocalWorkers ?? 1,
            IsStatelessWorker = classType.IsDefined(typeof(StatelessWorkerAttribute), inherit: false),
            Supervisor = new GrainTypeSupervisor(grainType, SupervisionPolicy.ForGrainClass(classType, silo.Options), silo),
        };
    }

    /// <summary>"JobGrain" becomes "job": short, stable, and the same rule Orleans users know.</summary>
    private static string DefaultGrainTypeName(Type classType)
    {
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
