using System.Net;
using Orleans.Configuration;

namespace Platform.Silo.Tests;

public sealed class SiloHostSettingsParserTests
{
    private const string Postgres = "Host=127.0.0.1;Port=55432;Username=postgres;Database=platform";

    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Without_configuration_the_silo_runs_alone_in_memory()
    {
        var settings = SiloHostSettingsParser.Parse([], NoEnvironment);

        settings.ShowHelp.ShouldBeFalse();
        settings.Smoke.ShouldBeFalse();
        settings.Storage.ShouldBe(StorageProvider.Memory);
        settings.Membership.ShouldBeNull();
        settings.PostgresConnectionString.ShouldBeNull();
        settings.ClusterId.ShouldBe("platform");
        settings.ServiceId.ShouldBe("platform");
        settings.Zone.ShouldBe("default");
        settings.SiloPort.ShouldBeNull();
        settings.GatewayPort.ShouldBeNull();
        settings.ServedHttpPort.ShouldBe(0, "a run serves HTTP on a free port unless told otherwise");
        settings.UseKubernetes.ShouldBeFalse();
        settings.DescribeStorage().ShouldBe("in-memory storage");
        var membership = new ClusterMembershipOptions();
        settings.Apply(membership);
        membership.ShouldBeEquivalentTo(new ClusterMembershipOptions(), "no override is recorded when nothing was given");
    }

    [Theory]
    [InlineData(new string[0], "PLATFORM_SILO__HTTPPORT", "8080", 8080)]
    [InlineData(new[] { "--http-port", "none" }, "PLATFORM_SILO__HTTPPORT", "8080", null)]
    [InlineData(new[] { "--smoke" }, null, null, null)]
    [InlineData(new[] { "--smoke", "--http-port", "0" }, null, null, 0)]
    public void The_HTTP_port_is_free_by_default_off_for_the_smoke_check_and_none_turns_it_off(string[] args, string? variable, string? value, int? served)
    {
        var environment = variable is null ? NoEnvironment : new Dictionary<string, string> { [variable] = value! };

        SiloHostSettingsParser.Parse(args, environment).ServedHttpPort.ShouldBe(served);
    }

    [Fact]
    public void Every_option_has_an_environment_variable_named_after_it_and_actions_have_none()
    {
        SettingOptions.All.Where(o => !o.IsAction).Select(o => (o.Name, o.EnvironmentVariable)).ShouldBe(
        [
            ("--cluster-id", "PLATFORM_SILO__CLUSTERID"),
            ("--service-id", "PLATFORM_SILO__SERVICEID"),
            ("--zone", "PLATFORM_SILO__ZONE"),
            ("--port", "PLATFORM_SILO__PORT"),
            ("--gateway-port", "PLATFORM_SILO__GATEWAYPORT"),
            ("--http-port", "PLATFORM_SILO__HTTPPORT"),
            ("--listen", "PLATFORM_SILO__LISTEN"),
            ("--advertise", "PLATFORM_SILO__ADVERTISE"),
            ("--storage", "PLATFORM_SILO__STORAGE"),
            ("--membership", "PLATFORM_SILO__MEMBERSHIP"),
            ("--postgres", "PLATFORM_SILO__POSTGRES"),
            ("--kubernetes", "PLATFORM_SILO__KUBERNETES"),
            ("--probe-timeout", "PLATFORM_SILO__PROBETIMEOUT"),
            ("--missed-probes", "PLATFORM_SILO__MISSEDPROBES"),
            ("--probed-silos", "PLATFORM_SILO__PROBEDSILOS"),
            ("--votes-to-kill", "PLATFORM_SILO__VOTESTOKILL"),
            ("--death-vote-expiration", "PLATFORM_SILO__DEATHVOTEEXPIRATION"),
            ("--table-refresh", "PLATFORM_SILO__TABLEREFRESH"),
            ("--heartbeat", "PLATFORM_SILO__HEARTBEAT"),
            ("--tls-certificate", "PLATFORM_SILO__TLSCERTIFICATE"),
            ("--tls-key", "PLATFORM_SILO__TLSKEY"),
            ("--tls-password", "PLATFORM_SILO__TLSPASSWORD"),
            ("--tls-ca", "PLATFORM_SILO__TLSCA"),
            ("--call-timeout", "PLATFORM_SILO__CALLTIMEOUT"),
            ("--collection-age", "PLATFORM_SILO__COLLECTIONAGE"),
            ("--load-shedding-cpu", "PLATFORM_SILO__LOADSHEDDINGCPU"),
            ("--load-shedding-memory", "PLATFORM_SILO__LOADSHEDDINGMEMORY"),
            ("--shutdown-timeout", "PLATFORM_SILO__SHUTDOWNTIMEOUT"),
        ]);
        SettingOptions.All.Where(o => o.IsAction).Select(o => o.Name).ShouldBe(["--make-dev-certs", "--smoke", "--help"]);
        SettingOptions.All.Where(o => o.IsAction).Select(o => o.EnvironmentVariable).ShouldAllBe(variable => variable == null);
    }

    public static TheoryData<string, string, Func<ClusterMembershipOptions, object>, object> MembershipOptions => new()
    {
        { "--probe-timeout", "00:00:01", o => o.ProbeTimeout, TimeSpan.FromSeconds(1) },
        { "--missed-probes", "2", o => o.NumMissedProbesLimit, 2 },
        { "--probed-silos", "3", o => o.NumProbedSilos, 3 },
        { "--votes-to-kill", "1", o => o.NumVotesForDeathDeclaration, 1 },
        { "--death-vote-expiration", "00:00:30", o => o.DeathVoteExpirationTimeout, TimeSpan.FromSeconds(30) },
        { "--table-refresh", "00:00:02", o => o.TableRefreshTimeout, TimeSpan.FromSeconds(2) },
        { "--heartbeat", "00:00:05", o => o.IAmAliveTablePublishTimeout, TimeSpan.FromSeconds(5) },
    };

    [Theory]
    [MemberData(nameof(MembershipOptions))]
    public void Each_probe_timing_option_sets_its_cluster_membership_option_in_both_spellings(string option, string value, Func<ClusterMembershipOptions, object> read, object expected)
    {
        foreach (string[] args in new[] { new[] { option, value }, [$"{option}={value}"] })
        {
            var options = new ClusterMembershipOptions();
            SiloHostSettingsParser.Parse(args, NoEnvironment).Apply(options);
            read(options).ShouldBe(expected);
        }
    }

    [Fact]
    public void Cluster_settings_come_from_options_and_variables_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string>
        {
            ["PLATFORM_SILO__ZONE"] = "b",
            ["platform_silo__advertise"] = "10.0.0.7",
            ["PLATFORM_SILO__PROBETIMEOUT"] = "00:00:09",
            ["PLATFORM_SILO__PORT"] = "1",
            ["PLATFORM_STORAGE__CONNECTIONSTRING"] = "not the silo's business",
            ["PATH"] = "/usr/bin",
        };
        var settings = SiloHostSettingsParser.Parse(
            ["--port", "12000", "--gateway-port", "12001", "--listen", "0.0.0.0", "--cluster-id", "prod", "--service-id", "market", "--probe-timeout", "00:00:02"],
            environment);

        settings.Zone.ShouldBe("b");
        settings.SiloPort.ShouldBe(12000);
        settings.GatewayPort.ShouldBe(12001);
        settings.ListenAddress.ShouldBe(IPAddress.Any);
        settings.AdvertisedAddress.ShouldBe(IPAddress.Parse("10.0.0.7"));
        settings.ClusterId.ShouldBe("prod");
        settings.ServiceId.ShouldBe("market");
        var membership = new ClusterMembershipOptions();
        settings.Apply(membership);
        membership.ProbeTimeout.ShouldBe(TimeSpan.FromSeconds(2), "the command line is applied after the environment");
    }

    [Fact]
    public void Silo_and_collection_timings_are_recorded_for_their_orleans_options()
    {
        var settings = SiloHostSettingsParser.Parse(["--call-timeout", "00:00:07", "--collection-age", "00:30:00", "--shutdown-timeout", "00:01:00"], NoEnvironment);

        var messaging = new SiloMessagingOptions();
        settings.Apply(messaging);
        messaging.ResponseTimeout.ShouldBe(TimeSpan.FromSeconds(7));
        var collection = new GrainCollectionOptions();
        settings.Apply(collection);
        collection.CollectionAge.ShouldBe(TimeSpan.FromMinutes(30));
        settings.ShutdownTimeout.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Load_shedding_thresholds_come_from_options_or_variables_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string> { ["PLATFORM_SILO__LOADSHEDDINGCPU"] = "70", ["PLATFORM_SILO__LOADSHEDDINGMEMORY"] = "85" };

        var fromVariables = new LoadSheddingOptions();
        SiloHostSettingsParser.Parse([], environment).Apply(fromVariables);
        var overridden = new LoadSheddingOptions();
        SiloHostSettingsParser.Parse(["--load-shedding-cpu", "100", "--load-shedding-memory=1"], environment).Apply(overridden);
        var untouched = new LoadSheddingOptions();
        SiloHostSettingsParser.Parse(["--load-shedding-cpu", "60"], NoEnvironment).Apply(untouched);

        (fromVariables.CpuThreshold, fromVariables.MemoryThreshold).ShouldBe((70, 85));
        (overridden.CpuThreshold, overridden.MemoryThreshold).ShouldBe((100, 1), "the command line is applied after the environment, and 1 and 100 are in range");
        untouched.MemoryThreshold.ShouldBe(new LoadSheddingOptions().MemoryThreshold, "a threshold not given keeps Orleans' default");
    }

    public static TheoryData<string[]> PostgresCommandLines => new()
    {
        new[] { "--storage", "postgres", "--postgres", Postgres },
        new[] { "--postgres", Postgres, "--storage", "postgres", "--membership", "postgres" },
        new[] { "--storage=POSTGRES", "--postgres=" + Postgres, "--smoke" },
    };

    [Theory]
    [MemberData(nameof(PostgresCommandLines))]
    public void Storage_postgres_takes_the_connection_string_of_postgres(string[] args)
    {
        var settings = SiloHostSettingsParser.Parse(args, NoEnvironment);

        settings.Storage.ShouldBe(StorageProvider.Postgres);
        settings.PostgresConnectionString.ShouldBe(Postgres);
        settings.DescribeStorage().ShouldBe("PostgreSQL at 127.0.0.1:55432/platform");
    }

    [Fact]
    public void The_storage_description_never_shows_the_password()
    {
        var settings = SiloHostSettingsParser.Parse(["--storage", "postgres", "--postgres", "Host=db;Password=hunter2;Database=platform"], NoEnvironment);

        settings.DescribeStorage().ShouldNotContain("hunter2");
        Should.Throw<SiloSettingsException>(() => SiloHostSettingsParser.Parse(["--postgres", "Host=db;Password=hunter2"], NoEnvironment))
            .Message.ShouldNotContain("hunter2");
    }

    [Theory]
    [InlineData("auto", true, true)]
    [InlineData("auto", false, false)]
    [InlineData("on", false, true)]
    [InlineData("off", true, false)]
    public void Kubernetes_hosting_follows_the_pod_variables_unless_told(string mode, bool inPod, bool expected)
    {
        var environment = inPod
            ? new Dictionary<string, string> { ["POD_NAME"] = "silo-a-1", ["POD_NAMESPACE"] = "platform" }
            : NoEnvironment;

        SiloHostSettingsParser.Parse(["--kubernetes", mode], environment).UseKubernetes.ShouldBe(expected);
    }

    [Fact]
    public void Flags_are_recognised_and_help_wins_over_broken_configuration()
    {
        SiloHostSettingsParser.Parse(["--smoke"], NoEnvironment).Smoke.ShouldBeTrue();
        SiloHostSettingsParser.Parse(["-h"], NoEnvironment).ShowHelp.ShouldBeTrue();
        SiloHostSettingsParser.Parse(["--bogus", "--help"], new Dictionary<string, string> { ["PLATFORM_SILO__NOPE"] = "x" }).ShowHelp.ShouldBeTrue();
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "unknown option '--bogus'; run with --help to list the options.")]
    [InlineData(new[] { "--bogus=1" }, "unknown option '--bogus'; run with --help to list the options.")]
    [InlineData(new[] { "--Zone", "a" }, "unknown option '--Zone'; run with --help to list the options.")]
    [InlineData(new[] { "serve" }, "unexpected argument 'serve'; options start with --, run with --help to list them.")]
    [InlineData(new[] { "--zone", "a", "extra" }, "unexpected argument 'extra'; options start with --, run with --help to list them.")]
    [InlineData(new[] { "--probe-timeout" }, "option --probe-timeout needs a value (hh:mm:ss).")]
    [InlineData(new[] { "--probe-timeout", "--smoke" }, "option --probe-timeout needs a value (hh:mm:ss).")]
    [InlineData(new[] { "--smoke=yes" }, "option --smoke takes no value; got '--smoke=yes'.")]
    [InlineData(new[] { "--probe-timeout", "1s" }, "--probe-timeout '1s' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    [InlineData(new[] { "--table-refresh", "15" }, "--table-refresh '15' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    [InlineData(new[] { "--heartbeat=" }, "--heartbeat '' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    [InlineData(new[] { "--probe-timeout", "0:0:0" }, "--probe-timeout '0:0:0' is out of range: ClusterMembershipOptions.ProbeTimeout must be greater than zero; it is 00:00:00.")]
    [InlineData(new[] { "--death-vote-expiration", "-00:01:00" }, "--death-vote-expiration '-00:01:00' is out of range: ClusterMembershipOptions.DeathVoteExpirationTimeout must be greater than zero; it is -00:01:00.")]
    [InlineData(new[] { "--missed-probes", "0" }, "--missed-probes '0' is out of range: ClusterMembershipOptions.NumMissedProbesLimit must be at least 1; it is 0.")]
    [InlineData(new[] { "--votes-to-kill", "many" }, "--votes-to-kill 'many' is not a whole number.")]
    [InlineData(new[] { "--probed-silos", "99999999999" }, "--probed-silos '99999999999' is not a whole number.")]
    [InlineData(new[] { "--call-timeout", "00:00:00" }, "--call-timeout '00:00:00' is out of range: SiloMessagingOptions.ResponseTimeout must be greater than zero; it is 00:00:00.")]
    [InlineData(new[] { "--collection-age", "00:00:30" },
        "--collection-age '00:00:30' is out of range: GrainCollectionOptions.CollectionAge must be longer than GrainCollectionOptions.CollectionQuantum (00:01:00); it is 00:00:30.")]
    [InlineData(new[] { "--load-shedding-cpu", "0" }, "--load-shedding-cpu '0' is out of range: LoadSheddingOptions.CpuThreshold must be from 1 to 100 (percent); it is 0.")]
    [InlineData(new[] { "--load-shedding-cpu", "101" }, "--load-shedding-cpu '101' is out of range: LoadSheddingOptions.CpuThreshold must be from 1 to 100 (percent); it is 101.")]
    [InlineData(new[] { "--load-shedding-cpu", "abc" }, "--load-shedding-cpu 'abc' is not a whole percent from 1 to 100; give the number alone, e.g. 80.")]
    [InlineData(new[] { "--load-shedding-cpu", "50%" }, "--load-shedding-cpu '50%' is not a whole percent from 1 to 100; give the number alone, e.g. 80.")]
    [InlineData(new[] { "--load-shedding-cpu=12.5" }, "--load-shedding-cpu '12.5' is not a whole percent from 1 to 100; give the number alone, e.g. 80.")]
    [InlineData(new[] { "--load-shedding-memory", "-5" }, "--load-shedding-memory '-5' is out of range: LoadSheddingOptions.MemoryThreshold must be from 1 to 100 (percent); it is -5.")]
    [InlineData(new[] { "--load-shedding-memory", "0.9" }, "--load-shedding-memory '0.9' is not a whole percent from 1 to 100; give the number alone, e.g. 80.")]
    [InlineData(new[] { "--load-shedding-memory" }, "option --load-shedding-memory needs a value (percent).")]
    [InlineData(new[] { "--shutdown-timeout", "-00:00:01" }, "--shutdown-timeout '-00:00:01' is out of range: HostOptions.ShutdownTimeout must be greater than zero; it is -00:00:01.")]
    [InlineData(new[] { "--port", "70000" }, "--port '70000' is not a port number from 0 to 65535.")]
    [InlineData(new[] { "--gateway-port", "-1" }, "--gateway-port '-1' is not a port number from 0 to 65535.")]
    [InlineData(new[] { "--port", "12000", "--gateway-port", "12000" }, "--gateway-port '12000' is also the silo port; silos and clients need a port each.")]
    [InlineData(new[] { "--http-port", "web" }, "--http-port 'web' is not a port number from 0 to 65535 or none.")]
    [InlineData(new[] { "--port", "12000", "--http-port", "12000" }, "--http-port '12000' is also the silo port; HTTP needs a port of its own.")]
    [InlineData(new[] { "--gateway-port", "12001", "--http-port", "12001" }, "--http-port '12001' is also the gateway port; HTTP needs a port of its own.")]
    [InlineData(new[] { "--zone", "eu west" }, "--zone 'eu west' must be letters, digits, '-', '_' or '.'.")]
    [InlineData(new[] { "--cluster-id", "" }, "--cluster-id '' must be letters, digits, '-', '_' or '.'.")]
    [InlineData(new[] { "--listen", "localhost" }, "--listen 'localhost' is not an IP address such as 127.0.0.1 or 0.0.0.0.")]
    [InlineData(new[] { "--advertise", "10" }, "--advertise '10' is not an IP address such as 127.0.0.1 or 0.0.0.0.")]
    [InlineData(new[] { "--advertise", "0.0.0.0" }, "--advertise '0.0.0.0' is a wildcard address; advertise an address other silos and clients can dial.")]
    [InlineData(new[] { "--listen", "0.0.0.0" },
        "--listen '0.0.0.0' needs --advertise <address> (or Kubernetes hosting, which advertises the pod IP): other silos and clients cannot dial a wildcard address.")]
    [InlineData(new[] { "--kubernetes", "yes" }, "--kubernetes 'yes' is not a Kubernetes mode; use auto, on or off.")]
    [InlineData(new[] { "--storage", "etcd" }, "--storage 'etcd' is not a storage provider; use memory or postgres.")]
    [InlineData(new[] { "--storage", "postgres" }, "--storage 'postgres' needs a connection string; give --postgres <connection string> or set PLATFORM_SILO__POSTGRES.")]
    [InlineData(new[] { "--membership", "postgres" },
        "--membership 'postgres' does not match the default storage 'memory'; membership, grain state, reminders and the journal live together, so give the same provider to both or leave --membership out.")]
    [InlineData(new[] { "--storage", "postgres", "--membership", "memory", "--postgres", "Host=db" },
        "--membership 'memory' does not match --storage 'postgres'; membership, grain state, reminders and the journal live together, so give the same provider to both or leave --membership out.")]
    [InlineData(new[] { "--postgres", "Host=db" },
        "--postgres 'Host=db' would be ignored with the default storage 'memory'; use --storage postgres to keep the cluster's state in PostgreSQL, or drop --postgres.")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "Hots=db" },
        "--postgres 'Hots=db' is not a valid PostgreSQL connection string: unknown keyword 'hots'.")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "Host=db;Password=secret;Port=x" },
        "--postgres 'Host=db;Password=***;Port=x' is not a valid PostgreSQL connection string: Couldn't set port: The input string 'x' was not in a correct format.")]
    public void Bad_command_lines_are_refused_with_a_message_naming_the_option_and_value(string[] args, string message)
    {
        Should.Throw<SiloSettingsException>(() => SiloHostSettingsParser.Parse(args, NoEnvironment)).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("PLATFORM_SILO__PROBETIMEOUT", "abc", "PLATFORM_SILO__PROBETIMEOUT 'abc' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    [InlineData("PLATFORM_SILO__MISSEDPROBES", "", "PLATFORM_SILO__MISSEDPROBES '' is not a whole number.")]
    [InlineData("Platform_Silo__VotesToKill", "0", "Platform_Silo__VotesToKill '0' is out of range: ClusterMembershipOptions.NumVotesForDeathDeclaration must be at least 1; it is 0.")]
    [InlineData("PLATFORM_SILO__LOADSHEDDINGCPU", "95%", "PLATFORM_SILO__LOADSHEDDINGCPU '95%' is not a whole percent from 1 to 100; give the number alone, e.g. 80.")]
    [InlineData("PLATFORM_SILO__LOADSHEDDINGMEMORY", "101", "PLATFORM_SILO__LOADSHEDDINGMEMORY '101' is out of range: LoadSheddingOptions.MemoryThreshold must be from 1 to 100 (percent); it is 101.")]
    [InlineData("PLATFORM_SILO__PROBEPERIOD", "00:00:01", "unknown environment variable PLATFORM_SILO__PROBEPERIOD; run with --help to list the variables the silo reads.")]
    public void Bad_environment_variables_are_refused_with_a_message_naming_the_variable_and_value(string name, string value, string message)
    {
        var environment = new Dictionary<string, string> { [name] = value };

        Should.Throw<SiloSettingsException>(() => SiloHostSettingsParser.Parse([], environment)).Message.ShouldBe(message);
    }

    [Fact]
    public void The_last_occurrence_of_an_option_wins()
    {
        var settings = SiloHostSettingsParser.Parse(["--zone", "a", "--probe-timeout", "00:00:04", "--zone", "c", "--probe-timeout", "00:00:03"], NoEnvironment);

        settings.Zone.ShouldBe("c");
        var membership = new ClusterMembershipOptions();
        settings.Apply(membership);
        membership.ProbeTimeout.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Tls_comes_from_variables_or_options_and_make_dev_certs_from_the_command_line_only()
    {
        var settings = SiloHostSettingsParser.Parse(["--tls-key", "/tls/tls.key"], new Dictionary<string, string>
        {
            ["PLATFORM_SILO__TLSCERTIFICATE"] = "/tls/tls.crt",
            ["PLATFORM_SILO__TLSCA"] = "/tls/ca.crt",
            ["PLATFORM_SILO__TLSPASSWORD"] = "secret",
        });

        settings.Tls.ShouldNotBeNull();
        (settings.Tls.CertificatePath, settings.Tls.KeyPath, settings.Tls.CertificatePassword, settings.Tls.CertificateAuthorityPath)
            .ShouldBe(("/tls/tls.crt", "/tls/tls.key", "secret", "/tls/ca.crt"));
        SiloHostSettingsParser.Parse([], NoEnvironment).Tls.ShouldBeNull("no --tls-* setting: plain TCP");
        SiloHostSettingsParser.Parse(["--make-dev-certs", "/tmp/certs"], NoEnvironment).DevelopmentCertificatesDirectory.ShouldBe("/tmp/certs");
        Should.Throw<SiloSettingsException>(() => SiloHostSettingsParser.Parse([], new Dictionary<string, string> { ["PLATFORM_SILO__MAKEDEVCERTS"] = "/tmp/certs" }))
            .Message.ShouldBe("unknown environment variable PLATFORM_SILO__MAKEDEVCERTS; run with --help to list the variables the silo reads.");
    }

    [Fact]
    public void Usage_lists_every_option_with_its_environment_variable_and_the_exit_codes()
    {
        var usage = SiloHostSettingsParser.Usage();

        usage.ShouldStartWith("Usage: Platform.Silo [options]");
        foreach (var option in SettingOptions.All)
        {
            usage.ShouldContain(option.IsFlag ? option.Name : $"{option.Name} <{option.ValueName}>");
            usage.ShouldContain(option.Description);
            if (option.EnvironmentVariable is not null)
            {
                usage.ShouldContain($"env {option.EnvironmentVariable}");
            }
        }

        usage.ShouldContain("3 the cluster declared this silo dead");
    }

    [Theory]
    [InlineData(new[] { "--missed-probes", "many" }, "--missed-probes 'many' is not a whole number.")]
    [InlineData(new[] { "--load-shedding-cpu", "0" }, "--load-shedding-cpu '0' is out of range: LoadSheddingOptions.CpuThreshold must be from 1 to 100 (percent); it is 0.")]
    public async Task The_program_prints_one_error_line_and_exits_with_2_on_bad_configuration(string[] args, string message)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await SiloProgram.RunAsync(args, NoEnvironment, stdout, stderr);

        exitCode.ShouldBe(2);
        stderr.ToString().ShouldBe($"Platform.Silo: {message}{Environment.NewLine}");
        stdout.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_program_prints_usage_and_exits_with_0_on_help()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await SiloProgram.RunAsync(["--help"], NoEnvironment, stdout, stderr);

        exitCode.ShouldBe(0);
        stdout.ToString().ShouldBe(SiloHostSettingsParser.Usage() + Environment.NewLine);
        stderr.ToString().ShouldBeEmpty();
    }
}
