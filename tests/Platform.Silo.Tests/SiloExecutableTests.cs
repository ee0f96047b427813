using System.Text.Json;

namespace Platform.Silo.Tests;

public sealed class SiloExecutableTests
{
    [Fact]
    public async Task Smoke_runs_the_embedded_silo_end_to_end_and_prints_the_assigned_job_as_one_JSON_line()
    {
        var result = await SiloProcess.RunAsync(["--smoke"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        var lines = result.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, $"stdout holds only the JSON line (logs go to stderr): {result.Stdout}");
        var job = JsonDocument.Parse(lines[0]).RootElement;
        job.GetProperty("jobId").GetString().ShouldBe("smoke-job");
        job.GetProperty("status").GetString().ShouldBe("Assigned");
        job.GetProperty("assignedFreelancerId").GetString().ShouldBe("smoke-freelancer");
        job.GetProperty("title").GetString().ShouldBe("Smoke test job");
        job.GetProperty("requiredSkills").EnumerateArray().Select(skill => skill.GetString()).ShouldBe(["C#"]);
        job.GetProperty("hourlyWageMin").GetDecimal().ShouldBe(40m);
        job.GetProperty("hourlyWageMax").GetDecimal().ShouldBe(60m);
        job.GetProperty("postedAt").GetDateTimeOffset().ShouldBeLessThanOrEqualTo(job.GetProperty("updatedAt").GetDateTimeOffset());
        result.Stderr.ShouldContain("hosting grain types: freelancer, job.");
    }

    [Fact]
    public async Task A_bad_option_exits_with_2_and_one_error_line_without_starting()
    {
        var result = await SiloProcess.RunAsync(["--call-timeout", "10s"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe($"Platform.Silo: --call-timeout '10s' is not a duration; use [-][d.]hh:mm:ss[.fffffff], e.g. 00:00:10.{Environment.NewLine}");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_bad_environment_variable_exits_with_2_naming_the_variable()
    {
        var result = await SiloProcess.RunAsync(["--smoke"], new Dictionary<string, string> { ["PLATFORM_SILO__DEFAULTMAILBOXCAPACITY"] = "0" });

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe(
            $"Platform.Silo: PLATFORM_SILO__DEFAULTMAILBOXCAPACITY '0' is out of range: SiloOptions.DefaultMailboxCapacity must be at least 1; it is 0.{Environment.NewLine}");
        result.Stdout.ShouldBeEmpty();
    }
}
