using System.Text.Json;

namespace Platform.Silo.Tests;

/// <summary>The real silo executable, run as a process: what scripts, orchestrators and operators rely on.</summary>
public sealed class SiloExecutableTests
{
    [Fact]
    public async Task Help_prints_the_usage_and_exits_with_0()
    {
        var result = await SiloProcess.RunAsync(["--help"]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldStartWith("Usage: Platform.Silo [options]");
        result.Stdout.ShouldContain("env PLATFORM_SILO__GATEWAYPORT");
        result.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Smoke_runs_the_embedded_silo_end_to_end_and_prints_the_assigned_job_as_one_JSON_line()
    {
        var result = await SiloProcess.RunAsync(["--smoke"]);

        AssignedSmokeJob(result);
        result.Stderr.ShouldContain("Platform silo running: silo 127.0.0.1:");
        result.Stderr.ShouldContain("zone default, cluster platform, service platform, in-memory storage, plain TCP (no TLS).");
    }

    [Fact]
    public async Task A_bad_option_exits_with_2_and_one_error_line_without_starting()
    {
        var result = await SiloProcess.RunAsync(["--probe-timeout", "1s"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe($"Platform.Silo: --probe-timeout '1s' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.{Environment.NewLine}");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_bad_environment_variable_exits_with_2_naming_the_variable()
    {
        var result = await SiloProcess.RunAsync(["--smoke"], new Dictionary<string, string> { ["PLATFORM_SILO__STORAGE"] = "postgres" });

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe(
            "Platform.Silo: PLATFORM_SILO__STORAGE 'postgres' needs a connection string; give --postgres <connection string> or set PLATFORM_SILO__POSTGRES."
            + Environment.NewLine);
        result.Stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Matching__Dimensions", "0", "Matching:Dimensions")]
    [InlineData("Matching__Dimensions", "many", "Matching:Dimensions")]
    [InlineData("Streams__Provider", "Kafka", "Streams:Provider")]
    [InlineData("Alerts__LeaseDuration", "00:00:01", "Alerts:LeaseDuration")]
    [InlineData("Alerts__LeaseDuration", "soon", "Alerts:LeaseDuration")]
    public async Task A_bad_configuration_section_exits_with_2_naming_the_key(string variable, string value, string key)
    {
        var result = await SiloProcess.RunAsync(["--smoke"], new Dictionary<string, string> { [variable] = value });

        result.ExitCode.ShouldBe(2, result.Stderr);
        var lines = result.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[^1].ShouldStartWith("Platform.Silo: bad configuration: ");
        lines[^1].ShouldContain(key);
        lines[^1].ShouldContain(value);
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unreachable_database_fails_the_start_with_exit_code_1_and_one_clear_line()
    {
        var result = await SiloProcess.RunAsync(["--smoke", "--storage", "postgres", "--postgres", "Host=127.0.0.1;Port=1;Username=postgres;Database=platform;Timeout=3"]);

        result.ExitCode.ShouldBe(1, result.Stderr);
        var lastLine = result.Stderr.TrimEnd().Split('\n')[^1];
        lastLine.ShouldStartWith("Platform.Silo: failed to start: ");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task SIGTERM_stops_a_running_silo_gracefully_with_exit_code_0()
    {
        await using var silo = await SiloProcess.StartAsync(["--port", "0", "--gateway-port", "0", "--zone", "a"]);
        silo.Output.ShouldContain("zone a, cluster platform");

        silo.Terminate();

        (await silo.WaitForExitAsync(TimeSpan.FromSeconds(45))).ShouldBe(0, silo.Output);
    }

    [Fact]
    public async Task Smoke_on_postgres_stores_the_job_and_can_run_again_against_the_same_database()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var jobIds = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            var result = await SiloProcess.RunAsync(["--smoke", "--storage", "postgres", "--postgres", database.ConnectionString]);

            var job = AssignedSmokeJob(result);
            result.Stderr.ShouldContain($"PostgreSQL at 127.0.0.1:");
            result.Stderr.ShouldContain($"/{database.Name}, plain TCP (no TLS).");
            jobIds.Add(job.GetProperty("jobKey").GetString()!);
        }

        jobIds.Distinct().Count().ShouldBe(2, "each smoke run posts a job of its own");
    }

    /// <summary>Checks the one JSON line a successful --smoke prints and returns the job it describes.</summary>
    private static JsonElement AssignedSmokeJob(SiloProcess.Result result)
    {
        result.ExitCode.ShouldBe(0, result.Stderr);
        var lines = result.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, $"stdout holds only the JSON line (logs go to stderr): {result.Stdout}");
        var job = JsonDocument.Parse(lines[0]).RootElement;
        job.GetProperty("jobKey").GetString().ShouldStartWith("smoke/job-");
        job.GetProperty("status").GetString().ShouldBe("Filled");
        job.GetProperty("hiredFreelancerKey").GetString().ShouldBe("smoke/freelancer");
        job.GetProperty("title").GetString().ShouldBe("Smoke test job");
        job.GetProperty("requiredSkills").EnumerateArray().Select(skill => skill.GetString()).ShouldBe(["C#"]);
        job.GetProperty("hourlyWageMin").GetDecimal().ShouldBe(40m);
        job.GetProperty("hourlyWageMax").GetDecimal().ShouldBe(60m);
        job.GetProperty("publishedAt").GetDateTimeOffset().ShouldBeLessThanOrEqualTo(job.GetProperty("updatedAt").GetDateTimeOffset());
        return job.Clone();
    }
}
