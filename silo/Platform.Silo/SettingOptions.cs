using Orleans.Configuration;
using Platform.Orleans.Security;

namespace Platform.Silo;

/// <summary>The silo's settings. Usage, the command-line parser and the environment reader all work from this table.</summary>
internal static class SettingOptions
{
    public static IReadOnlyList<SettingOption> All { get; } =
    [
        SettingOption.Value("--cluster-id", "name", "Cluster this silo joins; silos and clients only talk within one cluster (default platform).",
            (s, v) => s.ClusterId = SettingValues.Name(v)),
        SettingOption.Value("--service-id", "name", "Service the cluster belongs to; it stays the same across deployments and keys stored state (default platform).",
            (s, v) => s.ServiceId = SettingValues.Name(v)),
        SettingOption.Value("--zone", "name", "Availability zone of this silo; grains prefer silos of their caller's zone (default: default).",
            (s, v) => s.Zone = SettingValues.Name(v)),
        SettingOption.Value("--port", "n", "Port for silo-to-silo traffic (default 11111; 0 picks a free one).",
            (s, v) => s.SiloPort = SettingValues.Port(v)),
        SettingOption.Value("--gateway-port", "n", "Port clients connect to (default 30000; 0 picks a free one).",
            (s, v) => s.GatewayPort = SettingValues.Port(v)),
        SettingOption.Value("--http-port", "n|none", "Port of the HTTP listener: /health/live, /health/ready, /metrics (default: a free port, named in the ready line; Kubernetes sets 8080; none: no listener).",
            (s, v) =>
            {
                s.HttpOff = v == "none";
                s.HttpPort = s.HttpOff ? null : SettingValues.HttpPort(v);
            }),
        SettingOption.Value("--listen", "address", "IP address to listen on (default: the advertised address; 0.0.0.0 needs --advertise).",
            (s, v) => s.ListenAddress = SettingValues.Address(v)),
        SettingOption.Value("--advertise", "address", "IP address other silos and clients dial (default 127.0.0.1; in Kubernetes the pod IP).",
            (s, v) => s.AdvertisedAddress = SettingValues.Address(v)),
        SettingOption.Value("--storage", "memory|postgres", "Where grain state, reminders and the event journal are kept: memory (lost on exit; the default) or postgres (needs --postgres).",
            (s, v) => s.Storage = SettingValues.Provider(v)),
        SettingOption.Value("--membership", "memory|postgres", "Where the membership table lives: memory (this silo alone) or postgres; defaults to --storage and must match it.",
            (s, v) => s.Membership = SettingValues.Provider(v)),
        SettingOption.Value("--postgres", "connection string", "PostgreSQL connection string for --storage postgres, e.g. Host=db;Username=platform;Password=...;Database=platform.",
            (s, v) => s.PostgresConnectionString = PostgresConnectionStrings.Check(v), PostgresConnectionStrings.Redact),
        SettingOption.Value("--kubernetes", "auto|on|off", "Orleans' Kubernetes hosting (pod labels, pod IP, deleted pods leave the cluster); auto: on when POD_NAME and POD_NAMESPACE are set.",
            (s, v) => s.Kubernetes = SettingValues.Kubernetes(v)),
        Membership("--probe-timeout", "hh:mm:ss", "Initial timeout of a liveness probe (platform default 00:00:01; Orleans' 00:00:05).", nameof(ClusterMembershipOptions.ProbeTimeout),
            (o, v) => o.ProbeTimeout = SettingValues.PositiveDuration(v, Target(nameof(o.ProbeTimeout)))),
        Membership("--missed-probes", "n", "Missed probes in a row before a silo suspects another (platform default 2; Orleans' 3).", nameof(ClusterMembershipOptions.NumMissedProbesLimit),
            (o, v) => o.NumMissedProbesLimit = SettingValues.PositiveCount(v, Target(nameof(o.NumMissedProbesLimit)))),
        Membership("--probed-silos", "n", "How many other silos each silo probes (default 10).", nameof(ClusterMembershipOptions.NumProbedSilos),
            (o, v) => o.NumProbedSilos = SettingValues.PositiveCount(v, Target(nameof(o.NumProbedSilos)))),
        Membership("--votes-to-kill", "n", "Votes that declare a silo dead (default 2).", nameof(ClusterMembershipOptions.NumVotesForDeathDeclaration),
            (o, v) => o.NumVotesForDeathDeclaration = SettingValues.PositiveCount(v, Target(nameof(o.NumVotesForDeathDeclaration)))),
        Membership("--death-vote-expiration", "hh:mm:ss", "How long a vote counts (platform default 00:00:10; Orleans' 00:02:00).", nameof(ClusterMembershipOptions.DeathVoteExpirationTimeout),
            (o, v) => o.DeathVoteExpirationTimeout = SettingValues.PositiveDuration(v, Target(nameof(o.DeathVoteExpirationTimeout)))),
        Membership("--table-refresh", "hh:mm:ss", "How often a silo re-reads the membership table (platform default 00:00:02; Orleans' 00:01:00).", nameof(ClusterMembershipOptions.TableRefreshTimeout),
            (o, v) => o.TableRefreshTimeout = SettingValues.PositiveDuration(v, Target(nameof(o.TableRefreshTimeout)))),
        Membership("--heartbeat", "hh:mm:ss", "How often a silo writes I-am-alive to the membership table (platform default 00:00:05; Orleans' 00:00:30).", nameof(ClusterMembershipOptions.IAmAliveTablePublishTimeout),
            (o, v) => o.IAmAliveTablePublishTimeout = SettingValues.PositiveDuration(v, Target(nameof(o.IAmAliveTablePublishTimeout)))),
        SettingOption.Value(TlsCertificate, "path", "Certificate this silo presents to silos and clients: PEM (its key in --tls-key or the same file) or PKCS#12; turns mutual TLS on (needs --tls-ca).",
            (s, v) => TlsOf(s).CertificatePath = v),
        SettingOption.Value(TlsKey, "path", "PEM private key of --tls-certificate, when the certificate file does not hold it.",
            (s, v) => TlsOf(s).KeyPath = v),
        SettingOption.Value(TlsPassword, "password", "Password of a PKCS#12 --tls-certificate or an encrypted --tls-key; prefer the variable, set from a secret: a command line is visible to every user of the host.",
            (s, v) => TlsOf(s).CertificatePassword = v, _ => "***"),
        SettingOption.Value(TlsAuthorities, "path", "PEM bundle of the certificate authorities of the cluster: silos and clients must present a certificate of one of them, valid now; others are refused.",
            (s, v) => TlsOf(s).CertificateAuthorityPath = v),
        SettingOption.Value("--call-timeout", "hh:mm:ss", "Response timeout of a grain call that sets none (default 00:00:30).",
            (s, v) =>
            {
                var timeout = SettingValues.PositiveDuration(v, "SiloMessagingOptions.ResponseTimeout");
                s.Override<SiloMessagingOptions>(o => o.ResponseTimeout = timeout);
            }),
        SettingOption.Value("--collection-age", "hh:mm:ss", "Idle time before an activation is deactivated (default 00:15:00; more than 00:01:00).",
            (s, v) =>
            {
                var age = CollectionAge(v);
                s.Override<GrainCollectionOptions>(o => o.CollectionAge = age);
            }),
        SettingOption.Value("--load-shedding-cpu", "percent", "CPU use, in percent of all the cores the process may use (a container's CPU limit, else the host's), past which the gateway refuses new client requests at once (a 503 at the API; default 95).",
            (s, v) =>
            {
                var threshold = SettingValues.Percent(v, $"{nameof(LoadSheddingOptions)}.{nameof(LoadSheddingOptions.CpuThreshold)}");
                s.Override<LoadSheddingOptions>(o => o.CpuThreshold = threshold);
            }),
        SettingOption.Value("--load-shedding-memory", "percent", "Memory use, in percent of the memory the GC may use (by default 75 % of a container's memory limit, else the host's memory), past which the gateway refuses new client requests at once (default 90).",
            (s, v) =>
            {
                var threshold = SettingValues.Percent(v, $"{nameof(LoadSheddingOptions)}.{nameof(LoadSheddingOptions.MemoryThreshold)}");
                s.Override<LoadSheddingOptions>(o => o.MemoryThreshold = threshold);
            }),
        SettingOption.Value("--shutdown-timeout", "hh:mm:ss", "How long a graceful stop (SIGTERM) may take before the process exits anyway (default 00:00:30).",
            (s, v) => s.ShutdownTimeout = SettingValues.PositiveDuration(v, "HostOptions.ShutdownTimeout")),
        SettingOption.Action("--make-dev-certs", "dir", $"Write a development certificate authority ({DevelopmentCertificates.AuthorityFile}) and certificates for silos and clients into <dir>, and exit; never for production.",
            (s, v) => s.DevelopmentCertificatesDirectory = v.Length > 0 ? v : throw new FormatException("is not a directory")),
        SettingOption.Flag("--smoke", "Start, post and assign one job through the grains, print it as one JSON line, and exit.", s => s.Smoke = true),
        SettingOption.Flag("--help", "Print this help and exit.", s => s.ShowHelp = true),
    ];

    private const string TlsCertificate = "--tls-certificate";
    private const string TlsKey = "--tls-key";
    private const string TlsPassword = "--tls-password";
    private const string TlsAuthorities = "--tls-ca";

    /// <summary>The option of each <see cref="MutualTlsOptions"/> property, for the messages of <see cref="MutualTlsCredentials"/>.</summary>
    public static string TlsOptionOf(string property) => property switch
    {
        nameof(MutualTlsOptions.CertificatePath) => TlsCertificate,
        nameof(MutualTlsOptions.KeyPath) => TlsKey,
        nameof(MutualTlsOptions.CertificatePassword) => TlsPassword,
        nameof(MutualTlsOptions.CertificateAuthorityPath) => TlsAuthorities,
        _ => throw new ArgumentOutOfRangeException(nameof(property), property, "not a MutualTlsOptions property"),
    };

    private static MutualTlsOptions TlsOf(SiloHostSettings settings) => settings.Tls ??= new MutualTlsOptions();

    /// <summary>A setting of Orleans' failure detection, applied after the platform's own defaults so the user's value wins.</summary>
    private static SettingOption Membership(string name, string valueName, string description, string property, Action<ClusterMembershipOptions, string> set) =>
        SettingOption.Value(name, valueName, $"{description} Sets {Target(property)}.", (settings, text) =>
        {
            // Parse now, so a bad value fails before anything starts; apply later, to the options Orleans builds.
            set(new ClusterMembershipOptions(), text);
            settings.Override<ClusterMembershipOptions>(options => set(options, text));
        });

    private static string Target(string property) => $"{nameof(ClusterMembershipOptions)}.{property}";

    private static TimeSpan CollectionAge(string text)
    {
        var age = SettingValues.PositiveDuration(text, "GrainCollectionOptions.CollectionAge");
        var quantum = new GrainCollectionOptions().CollectionQuantum;

        // Orleans refuses an age not above the interval at which it looks for idle activations.
        return age > quantum
            ? age
            : throw new FormatException($"is out of range: GrainCollectionOptions.CollectionAge must be longer than GrainCollectionOptions.CollectionQuantum ({quantum}); it is {age}");
    }
}
