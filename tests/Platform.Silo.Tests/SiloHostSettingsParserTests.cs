using Platform.Runtime;

namespace Platform.Silo.Tests;

public sealed class SiloHostSettingsParserTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Without_configuration_the_silo_runs_on_the_runtime_defaults()
    {
        var settings = SiloHostSettingsParser.Parse([], NoEnvironment);

        settings.ShowHelp.ShouldBeFalse();
        settings.Smoke.ShouldBeFalse();
        settings.Storage.ShouldBe(StorageProvider.Memory);
        settings.PostgresConnectionString.ShouldBeNull();
        settings.DescribeStorage().ShouldBe("in-memory grain storage and reminders");
        settings.CreateSiloOptions().ShouldBeEquivalentTo(new SiloOptions());
    }

    public static TheoryData<string, string, Func<SiloOptions, object>, object> EveryOption => new()
    {
        { "--call-timeout", "00:00:10", o => o.DefaultCallTimeout, TimeSpan.FromSeconds(10) },
        { "--collection-age", "1.00:00:00", o => o.DefaultCollectionAge, TimeSpan.FromDays(1) },
        { "--mailbox-capacity", "500", o => o.DefaultMailboxCapacity, 500 },
        { "--sweep-interval", "00:00:00.250", o => o.SweepInterval, TimeSpan.FromMilliseconds(250) },
        { "--shutdown-timeout", "00:01:00", o => o.ShutdownTimeout, TimeSpan.FromMinutes(1) },
        { "--max-restarts", "0", o => o.DefaultMaxRestarts, 0 },
        { "--restart-window", "00:00:20", o => o.DefaultRestartWindow, TimeSpan.FromSeconds(20) },
        { "--quarantine-period", "00:02:00", o => o.DefaultQuarantinePeriod, TimeSpan.FromMinutes(2) },
        { "--turn-budget", "64", o => o.TurnBudget, 64 },
    };

    [Theory]
    [MemberData(nameof(EveryOption))]
    public void Each_option_sets_its_silo_option_in_both_spellings(string option, string value, Func<SiloOptions, object> read, object expected)
    {
        read(SiloHostSettingsParser.Parse([option, value], NoEnvironment).CreateSiloOptions()).ShouldBe(expected);
        read(SiloHostSettingsParser.Parse([$"{option}={value}"], NoEnvironment).CreateSiloOptions()).ShouldBe(expected);
    }

    [Fact]
    public void Every_option_but_the_flags_has_an_environment_variable_named_after_its_silo_option()
    {
        foreach (var option in SettingOptions.All.Where(o => !o.IsFlag && o.Target is not null))
        {
            option.EnvironmentVariable.ShouldBe($"PLATFORM_SILO__{option.Target!.ToUpperInvariant()}");
            typeof(SiloOptions).GetProperty(option.Target).ShouldNotBeNull($"{option.Name} targets a real SiloOptions property");
        }
    }

    [Fact]
    public void The_host_settings_have_environment_variables_named_after_their_options()
    {
        SettingOptions.All.Where(o => !o.IsFlag && o.Target is null).Select(o => (o.Name, o.EnvironmentVariable)).ShouldBe(
        [
            ("--storage", "PLATFORM_SILO__STORAGE"),
            ("--postgres", "PLATFORM_SILO__POSTGRES"),
            ("--cluster-id", "PLATFORM_SILO__CLUSTERID"),
            ("--zone", "PLATFORM_SILO__ZONE"),
            ("--port", "PLATFORM_SILO__PORT"),
            ("--listen", "PLATFORM_SILO__LISTEN"),
            ("--advertise", "PLATFORM_SILO__ADVERTISE"),
            ("--membership", "PLATFORM_SILO__MEMBERSHIP"),
            ("--probe-period", "PLATFORM_SILO__PROBEPERIOD"),
            ("--probe-timeout", "PLATFORM_SILO__PROBETIMEOUT"),
            ("--missed-probes", "PLATFORM_SILO__MISSEDPROBESLIMIT"),
            ("--votes-to-kill", "PLATFORM_SILO__VOTESTODECLAREDEAD"),
        ]);
    }

    private const string Postgres = "Host=127.0.0.1;Port=55432;Username=postgres;Database=platform";

    public static TheoryData<string[]> MemoryCommandLines => new()
    {
        new[] { "--storage", "memory" },
        new[] { "--storage=memory" },
        new[] { "--storage", "Memory" },
    };

    public static TheoryData<string[]> PostgresCommandLines => new()
    {
        new[] { "--storage", "postgres", "--postgres", Postgres },
        new[] { "--postgres", Postgres, "--storage", "postgres" },
        new[] { "--storage=postgres", "--postgres=" + Postgres },
        new[] { "--storage", "POSTGRES", "--postgres", Postgres, "--smoke" },
    };

    [Theory]
    [MemberData(nameof(MemoryCommandLines))]
    public void Storage_memory_keeps_grain_state_in_memory(string[] args)
    {
        var settings = SiloHostSettingsParser.Parse(args, NoEnvironment);

        settings.Storage.ShouldBe(StorageProvider.Memory);
        settings.PostgresConnectionString.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(PostgresCommandLines))]
    public void Storage_postgres_takes_the_connection_string_of_postgres(string[] args)
    {
        var settings = SiloHostSettingsParser.Parse(args, NoEnvironment);

        settings.Storage.ShouldBe(StorageProvider.Postgres);
        settings.PostgresConnectionString.ShouldBe(Postgres);
        settings.DescribeStorage().ShouldBe("PostgreSQL grain storage and reminders at 127.0.0.1:55432/platform");
    }

    [Fact]
    public void Storage_settings_come_from_the_environment_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string>
        {
            ["PLATFORM_SILO__STORAGE"] = "postgres",
            ["platform_silo__postgres"] = "Host=elsewhere;Database=other",
        };

        var fromEnvironment = SiloHostSettingsParser.Parse([], environment);
        fromEnvironment.Storage.ShouldBe(StorageProvider.Postgres);
        fromEnvironment.PostgresConnectionString.ShouldBe("Host=elsewhere;Database=other");

        var overridden = SiloHostSettingsParser.Parse(["--postgres", Postgres], environment);
        overridden.Storage.ShouldBe(StorageProvider.Postgres);
        overridden.PostgresConnectionString.ShouldBe(Postgres);
    }

    [Fact]
    public void The_storage_description_never_shows_the_password()
    {
        var settings = SiloHostSettingsParser.Parse(["--storage", "postgres", "--postgres", "Host=db;Username=platform;Password=s3cret;Database=jobs"], NoEnvironment);

        settings.DescribeStorage().ShouldBe("PostgreSQL grain storage and reminders at db:5432/jobs");
    }

    [Theory]
    [InlineData(new[] { "--storage", "sqlite" }, "--storage 'sqlite' is not a storage provider; use memory or postgres.")]
    [InlineData(new[] { "--storage=" }, "--storage '' is not a storage provider; use memory or postgres.")]
    [InlineData(new[] { "--storage" }, "option --storage needs a value (memory|postgres).")]
    [InlineData(new[] { "--postgres" }, "option --postgres needs a value (connection string).")]
    [InlineData(new[] { "--storage", "postgres" },
        "--storage 'postgres' needs a connection string; give --postgres <connection string> or set PLATFORM_SILO__POSTGRES.")]
    [InlineData(new[] { "--storage", "postgres", "--smoke" },
        "--storage 'postgres' needs a connection string; give --postgres <connection string> or set PLATFORM_SILO__POSTGRES.")]
    [InlineData(new[] { "--postgres", "Host=db" },
        "--postgres 'Host=db' would be ignored with the default storage 'memory'; use --storage postgres to keep grain state in PostgreSQL (or --membership postgres for the membership table), or drop --postgres.")]
    [InlineData(new[] { "--storage", "memory", "--postgres", "Host=db" },
        "--postgres 'Host=db' would be ignored with --storage 'memory'; use --storage postgres to keep grain state in PostgreSQL (or --membership postgres for the membership table), or drop --postgres.")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "Host=db", "--storage", "memory" },
        "--postgres 'Host=db' would be ignored with --storage 'memory'; use --storage postgres to keep grain state in PostgreSQL (or --membership postgres for the membership table), or drop --postgres.")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "Hots=db" },
        "--postgres 'Hots=db' is not a valid PostgreSQL connection string: unknown keyword 'hots'.")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "Host=db;Port=five" },
        "--postgres 'Host=db;Port=five' is not a valid PostgreSQL connection string: Couldn't set port: The input string 'five' was not in a correct format.")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "just some text" },
        "--postgres 'just some text' is not a valid PostgreSQL connection string: Format of the initialization string does not conform to specification starting at index 0.")]
    [InlineData(new[] { "--storage", "postgres", "--postgres", "Host=db;Password=s3cret;Pooling=maybe" },
        "--postgres 'Host=db;Password=***;Pooling=maybe' is not a valid PostgreSQL connection string: Couldn't set pooling: String 'maybe' was not recognized as a valid Boolean.")]
    [InlineData(new[] { "--storage", "postgres", "--postgres=" },
        "--postgres '' is empty; give a PostgreSQL connection string such as Host=localhost;Username=postgres;Database=platform.")]
    [InlineData(new[] { "--postgres", "Host=db;pwd='s3;cret'" },
        "--postgres 'Host=db;pwd=***' would be ignored with the default storage 'memory'; use --storage postgres to keep grain state in PostgreSQL (or --membership postgres for the membership table), or drop --postgres.")]
    public void Bad_storage_settings_are_refused_with_a_message_naming_the_option_and_value(string[] args, string message)
    {
        Should.Throw<SiloSettingsException>(() => SiloHostSettingsParser.Parse(args, NoEnvironment)).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("PLATFORM_SILO__STORAGE", "disk", new string[0], "PLATFORM_SILO__STORAGE 'disk' is not a storage provider; use memory or postgres.")]
    [InlineData("PLATFORM_SILO__STORAGE", "postgres", new string[0],
        "PLATFORM_SILO__STORAGE 'postgres' needs a connection string; give --postgres <connection string> or set PLATFORM_SILO__POSTGRES.")]
    [InlineData("PLATFORM_SILO__POSTGRES", "Host=db", new string[0],
        "PLATFORM_SILO__POSTGRES 'Host=db' would be ignored with the default storage 'memory'; use --storage postgres to keep grain state in PostgreSQL (or --membership postgres for the membership table), or drop PLATFORM_SILO__POSTGRES.")]
    [InlineData("PLATFORM_SILO__POSTGRES", "Host=db", new[] { "--storage", "memory" },
        "PLATFORM_SILO__POSTGRES 'Host=db' would be ignored with --storage 'memory'; use --storage postgres to keep grain state in PostgreSQL (or --membership postgres for the membership table), or drop PLATFORM_SILO__POSTGRES.")]
    [InlineData("PLATFORM_SILO__POSTGRES", "Hots=db", new[] { "--storage", "postgres" },
        "PLATFORM_SILO__POSTGRES 'Hots=db' is not a valid PostgreSQL connection string: unknown keyword 'hots'.")]
    public void Bad_storage_variables_are_refused_with_a_message_naming_the_variable_and_value(string name, string value, string[] args, string message)
    {
        var environment = new Dictionary<string, string> { [name] = value };

        Should.Throw<SiloSettingsException>(() => SiloHostSettingsParser.Parse(args, environment)).Message.ShouldBe(message);
    }

    [Fact]
    public void Environment_variables_set_options_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string>
        {
            ["PLATFORM_SILO__DEFAULTCALLTIMEOUT"] = "00:00:05",
            ["platform_silo__defaultmailboxcapacity"] = "0",
            ["PLATFORM_SILO__TURNBUDGET"] = "32",
            ["PLATFORM_STORAGE__CONNECTIONSTRING"] = "not the silo's business yet",
            ["PATH"] = "/usr/bin",
        };

        var options = SiloHostSettingsParser.Parse(["--mailbox-capacity", "100", "--call-timeout", "00:00:07"], environment).CreateSiloOptions();

        options.DefaultCallTimeout.ShouldBe(TimeSpan.FromSeconds(7));
        options.DefaultMailboxCapacity.ShouldBe(100, "the command line replaces the environment's out-of-range 0 before validation");
        options.TurnBudget.ShouldBe(32);
    }

    [Fact]
    public void Flags_are_recognised()
    {
        SiloHostSettingsParser.Parse(["--smoke"], NoEnvironment).Smoke.ShouldBeTrue();
        SiloHostSettingsParser.Parse(["--help"], NoEnvironment).ShowHelp.ShouldBeTrue();
        SiloHostSettingsParser.Parse(["-h"], NoEnvironment).ShowHelp.ShouldBeTrue();
    }

    [Fact]
    public void Help_wins_over_broken_configuration()
    {
        var settings = SiloHostSettingsParser.Parse(["--bogus", "--help"], new Dictionary<string, string> { ["PLATFORM_SILO__NOPE"] = "x" });

        settings.ShowHelp.ShouldBeTrue();
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "unknown option '--bogus'; run with --help to list the options.")]
    [InlineData(new[] { "--bogus=1" }, "unknown option '--bogus'; run with --help to list the options.")]
    [InlineData(new[] { "--Call-Timeout", "00:00:10" }, "unknown option '--Call-Timeout'; run with --help to list the options.")]
    [InlineData(new[] { "serve" }, "unexpected argument 'serve'; options start with --, run with --help to list them.")]
    [InlineData(new[] { "--call-timeout", "00:00:10", "extra" }, "unexpected argument 'extra'; options start with --, run with --help to list them.")]
    [InlineData(new[] { "--call-timeout" }, "option --call-timeout needs a value (hh:mm:ss).")]
    [InlineData(new[] { "--call-timeout", "--smoke" }, "option --call-timeout needs a value (hh:mm:ss).")]
    [InlineData(new[] { "--mailbox-capacity" }, "option --mailbox-capacity needs a value (n).")]
    [InlineData(new[] { "--smoke=yes" }, "option --smoke takes no value; got '--smoke=yes'.")]
    [InlineData(new[] { "--call-timeout", "10s" }, "--call-timeout '10s' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    [InlineData(new[] { "--collection-age", "15" }, "--collection-age '15' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    [InlineData(new[] { "--sweep-interval=" }, "--sweep-interval '' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    [InlineData(new[] { "--restart-window", "00:99:00" }, "--restart-window '00:99:00' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    [InlineData(new[] { "--mailbox-capacity", "ten" }, "--mailbox-capacity 'ten' is not a whole number.")]
    [InlineData(new[] { "--turn-budget", "1.5" }, "--turn-budget '1.5' is not a whole number.")]
    [InlineData(new[] { "--max-restarts", "99999999999" }, "--max-restarts '99999999999' is not a whole number.")]
    [InlineData(new[] { "--mailbox-capacity", "0" }, "--mailbox-capacity '0' is out of range: SiloOptions.DefaultMailboxCapacity must be at least 1; it is 0.")]
    [InlineData(new[] { "--mailbox-capacity", "-5" }, "--mailbox-capacity '-5' is out of range: SiloOptions.DefaultMailboxCapacity must be at least 1; it is -5.")]
    [InlineData(new[] { "--turn-budget", "0" }, "--turn-budget '0' is out of range: SiloOptions.TurnBudget must be at least 1; it is 0.")]
    [InlineData(new[] { "--max-restarts", "-1" }, "--max-restarts '-1' is out of range: SiloOptions.DefaultMaxRestarts must be at least 0; it is -1.")]
    [InlineData(new[] { "--call-timeout", "00:00:00" }, "--call-timeout '00:00:00' is out of range: SiloOptions.DefaultCallTimeout must be greater than zero; it is 00:00:00.")]
    [InlineData(new[] { "--collection-age", "-00:15:00" }, "--collection-age '-00:15:00' is out of range: SiloOptions.DefaultCollectionAge must be greater than zero; it is -00:15:00.")]
    [InlineData(new[] { "--sweep-interval=0:0:0" }, "--sweep-interval '0:0:0' is out of range: SiloOptions.SweepInterval must be greater than zero; it is 00:00:00.")]
    [InlineData(new[] { "--shutdown-timeout", "-00:00:01" }, "--shutdown-timeout '-00:00:01' is out of range: SiloOptions.ShutdownTimeout must be greater than zero; it is -00:00:01.")]
    [InlineData(new[] { "--restart-window", "00:00:00" }, "--restart-window '00:00:00' is out of range: SiloOptions.DefaultRestartWindow must be greater than zero; it is 00:00:00.")]
    [InlineData(new[] { "--quarantine-period", "00:00:00" }, "--quarantine-period '00:00:00' is out of range: SiloOptions.DefaultQuarantinePeriod must be greater than zero; it is 00:00:00.")]
    public void Bad_command_lines_are_refused_with_a_message_naming_the_option_and_value(string[] args, string message)
    {
        Should.Throw<SiloSettingsException>(() => SiloHostSettingsParser.Parse(args, NoEnvironment)).Message.ShouldBe(message);
    }

    [Fact]
    public void The_last_occurrence_of_an_option_wins_and_only_the_final_value_is_validated()
    {
        var options = SiloHostSettingsParser.Parse(["--call-timeout", "00:00:00", "--call-timeout", "00:00:03"], NoEnvironment).CreateSiloOptions();

        options.DefaultCallTimeout.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData("PLATFORM_SILO__DEFAULTCALLTIMEOUT", "abc", "PLATFORM_SILO__DEFAULTCALLTIMEOUT 'abc' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    [InlineData("PLATFORM_SILO__DEFAULTMAILBOXCAPACITY", "", "PLATFORM_SILO__DEFAULTMAILBOXCAPACITY '' is not a whole number.")]
    [InlineData("PLATFORM_SILO__DEFAULTMAILBOXCAPACITY", "0", "PLATFORM_SILO__DEFAULTMAILBOXCAPACITY '0' is out of range: SiloOptions.DefaultMailboxCapacity must be at least 1; it is 0.")]
    [InlineData("Platform_Silo__SweepInterval", "-00:00:01", "Platform_Silo__SweepInterval '-00:00:01' is out of range: SiloOptions.SweepInterval must be greater than zero; it is -00:00:01.")]
    [InlineData("PLATFORM_SILO__DEFAULTCALLTIMOUT", "00:00:10", "unknown environment variable PLATFORM_SILO__DEFAULTCALLTIMOUT; run with --help to list the variables the silo reads.")]
    public void Bad_environment_variables_are_refused_with_a_message_naming_the_variable_and_value(string name, string value, string message)
    {
        var environment = new Dictionary<string, string> { [name] = value };

        Should.Throw<SiloSettingsException>(() => SiloHostSettingsParser.Parse([], environment)).Message.ShouldBe(message);
    }

    [Fact]
    public void Usage_lists_every_option_with_its_environment_variable()
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
    }

    [Fact]
    public async Task The_program_prints_one_error_line_and_exits_with_2_on_bad_configuration()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await SiloProgram.RunAsync(["--mailbox-capacity", "many"], NoEnvironment, stdout, stderr);

        exitCode.ShouldBe(2);
        stderr.ToString().ShouldBe($"Platform.Silo: --mailbox-capacity 'many' is not a whole number.{Environment.NewLine}");
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

    [Theory]
    [InlineData(new[] { "--port", "70000" }, "--port '70000' is not a port number from 0 to 65535.")]
    [InlineData(new[] { "--port", "-1" }, "--port '-1' is not a port number from 0 to 65535.")]
    [InlineData(new[] { "--zone", "eu west" }, "--zone 'eu west' must be letters, digits, '-', '_' or '.'.")]
    [InlineData(new[] { "--cluster-id", "" }, "--cluster-id '' must be letters, digits, '-', '_' or '.'.")]
    [InlineData(new[] { "--listen", "localhost" }, "--listen 'localhost' is not an IP address such as 127.0.0.1 or 0.0.0.0.")]
    [InlineData(new[] { "--membership", "etcd" }, "--membership 'etcd' is not a storage provider; use memory or postgres.")]
    [InlineData(new[] { "--membership", "postgres" },
        "--membership 'postgres' needs a connection string; give --postgres <connection string> or set PLATFORM_SILO__POSTGRES.")]
    [InlineData(new[] { "--listen", "0.0.0.0" },
        "the cluster configuration is invalid: ClusterOptions.AdvertisedHost must be set when listening on 0.0.0.0: other silos cannot dial a wildcard address.")]
    [InlineData(new[] { "--probe-period", "00:00:01", "--probe-timeout", "00:00:05" },
        "the cluster configuration is invalid: ProbeTimeout (00:00:05) must not be longer than ProbePeriod (00:00:01): a probe must end before the next one starts.")]
    [InlineData(new[] { "--missed-probes", "0" }, "the cluster configuration is invalid: MissedProbesLimit (0) must be at least 1.")]
    [InlineData(new[] { "--probe-period", "soon" }, "--probe-period 'soon' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.")]
    public void Bad_cluster_settings_are_refused_with_a_message_naming_the_option_and_value(string[] args, string message)
    {
        Should.Throw<SiloSettingsException>(() => SiloHostSettingsParser.Parse(args, NoEnvironment)).Message.ShouldBe(message);
    }

    [Fact]
    public void Cluster_settings_come_from_options_and_variables()
    {
        var environment = new Dictionary<string, string> { ["PLATFORM_SILO__ZONE"] = "b", ["PLATFORM_SILO__ADVERTISE"] = "10.0.0.7" };
        var settings = SiloHostSettingsParser.Parse(["--port", "12000", "--listen", "0.0.0.0", "--cluster-id", "prod", "--probe-period", "00:00:02"], environment);
        var options = new Runtime.ClusterOptions();
        settings.Cluster.Apply(options, defaultPort: 11111);
        options.Zone.ShouldBe("b");
        options.Port.ShouldBe(12000);
        options.ListenAddress.ToString().ShouldBe("0.0.0.0");
        options.AdvertisedHost.ShouldBe("10.0.0.7");
        options.ClusterId.ShouldBe("prod");
        options.Membership.ProbePeriod.ShouldBe(TimeSpan.FromSeconds(2));
    }
}
