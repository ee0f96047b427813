using System.Net;
using Platform.Orleans.Security;

namespace Platform.Silo;

/// <summary>Everything the silo was told, from PLATFORM_SILO__* environment variables and the command line.</summary>
internal sealed class SiloHostSettings
{
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;
    public const string DefaultZone = "default";

    private readonly Dictionary<Type, List<Action<object>>> _overrides = [];

    public bool ShowHelp { get; set; }

    /// <summary>Start, post and assign one job, print it as JSON, and stop: proves the configured storage works end to end.</summary>
    public bool Smoke { get; set; }

    public string ClusterId { get; set; } = "platform";

    public string ServiceId { get; set; } = "platform";

    public string Zone { get; set; } = DefaultZone;

    /// <summary>Null when not given: a normal run uses 11111, the smoke check a free port so it never clashes with a running silo.</summary>
    public int? SiloPort { get; set; }

    /// <summary>Null when not given: 30000, or a free port for the smoke check.</summary>
    public int? GatewayPort { get; set; }

    /// <summary>
    /// Null when not given: a normal run serves HTTP (probes, metrics) on a free port, the smoke check serves none.
    /// </summary>
    public int? HttpPort { get; set; }

    /// <summary><c>--http-port none</c>: no HTTP listener at all.</summary>
    public bool HttpOff { get; set; }

    /// <summary>The port of the HTTP listener (0: a free one), or null when the silo serves no HTTP.</summary>
    public int? ServedHttpPort => HttpOff ? null : HttpPort ?? (Smoke ? null : 0);

    public IPAddress? ListenAddress { get; set; }

    public IPAddress? AdvertisedAddress { get; set; }

    public StorageProvider Storage { get; set; } = StorageProvider.Memory;

    /// <summary>Null when not given: it follows <see cref="Storage"/>.</summary>
    public StorageProvider? Membership { get; set; }

    public string? PostgresConnectionString { get; set; }

    public KubernetesMode Kubernetes { get; set; } = KubernetesMode.Auto;

    /// <summary>Whether Orleans' Kubernetes hosting runs, once <see cref="KubernetesMode.Auto"/> has looked at the pod's variables.</summary>
    public bool UseKubernetes { get; set; }

    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Null when no --tls-* setting was given: silo and gateway connections are plain TCP.</summary>
    public MutualTlsOptions? Tls { get; set; }

    /// <summary><c>--make-dev-certs DIR</c>: write development certificates there and exit.</summary>
    public string? DevelopmentCertificatesDirectory { get; set; }

    /// <summary>Records a change to an Orleans options type; the host applies it after every default, so the user's value wins.</summary>
    public void Override<TOptions>(Action<TOptions> configure)
    {
        if (!_overrides.TryGetValue(typeof(TOptions), out var list))
        {
            _overrides[typeof(TOptions)] = list = [];
        }

        list.Add(options => configure((TOptions)options));
    }

    /// <summary>Applies what was given for <typeparamref name="TOptions"/>, in the order given (the last occurrence wins).</summary>
    public void Apply<TOptions>(TOptions options)
        where TOptions : class
    {
        foreach (var configure in _overrides.GetValueOrDefault(typeof(TOptions)) ?? [])
        {
            configure(options);
        }
    }

    /// <summary>Grain state, reminders and membership as the ready line names them, without credentials.</summary>
    public string DescribeStorage() =>
        Storage == StorageProvider.Postgres && PostgresConnectionString is not null
            ? $"PostgreSQL at {PostgresConnectionStrings.Describe(PostgresConnectionString)}"
            : "in-memory storage";
}
