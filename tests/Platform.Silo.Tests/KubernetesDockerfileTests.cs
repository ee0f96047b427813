using System.Text.RegularExpressions;

namespace Platform.Silo.Tests;

/// <summary>
/// The images the manifests run. There is no Docker on the project's machines, so the Dockerfiles are checked as text:
/// built with the SDK in a separate stage, run on ASP.NET Core's runtime image as a non-root user.
/// </summary>
public sealed partial class KubernetesDockerfileTests
{
    [Theory]
    [InlineData("silo/Platform.Silo/Dockerfile", "Platform.Silo.dll")]
    [InlineData("src/Platform.Api/Dockerfile", "Platform.Api.dll")]
    public void The_image_builds_in_an_sdk_stage_and_runs_on_aspnet_as_a_non_root_user(string path, string entryAssembly)
    {
        var lines = File.ReadAllLines(Path.Combine(KubernetesManifests.RepositoryRoot, path))
            .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        var stages = lines.Select((line, index) => (line, index)).Where(entry => entry.line.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)).ToList();

        stages.ShouldContain(stage => BuildStage().IsMatch(stage.line), $"{path} has no 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build' stage");
        stages[^1].line.ShouldBe("FROM mcr.microsoft.com/dotnet/aspnet:10.0", $"{path}: the final stage must run on ASP.NET Core's runtime image");

        var final = lines.Skip(stages[^1].index).ToList();
        final.ShouldContain(line => line.StartsWith("COPY --from=build ", StringComparison.Ordinal), $"{path}: the final stage copies only the build stage's output");
        var user = final.LastOrDefault(line => line.StartsWith("USER ", StringComparison.Ordinal));
        user.ShouldNotBeNull($"{path}: the final stage must switch to a non-root user");
        user["USER ".Length..].Trim().ShouldBeOneOf(["$APP_UID", "app", "1654"], $"{path}: USER must be the image's non-root app user (UID 1654, the manifests' runAsUser)");
        final.ShouldContain(line => line.StartsWith("ENTRYPOINT ", StringComparison.Ordinal) && line.Contains(entryAssembly, StringComparison.Ordinal), $"{path}: entry point {entryAssembly}");
    }

    [GeneratedRegex(@"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", RegexOptions.IgnoreCase)]
    private static partial Regex BuildStage();
}
