using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;

namespace Platform.Silo;

/// <summary>
/// <c>--smoke</c>: starts the silo exactly as a real run does, posts and assigns one job through the grains, prints the
/// job as one JSON line on stdout and stops. Proves the configured storage works end to end. The job id is new on every
/// run, so the check can run again against durable storage that keeps earlier jobs.
/// </summary>
internal static class SmokeCheck
{
    public const string FreelancerId = "smoke-freelancer";
    public const string JobIdPrefix = "smoke-";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<int> RunAsync(SiloHostSettings settings, TextWriter stdout)
    {
        using var host = SiloHost.Build(settings, logsToStandardError: true);
        await host.StartAsync();
        SiloHost.LogRunning(host, settings);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IFreelancerGrain>(FreelancerId).UpdateProfile(new FreelancerProfileUpdate(
                "Smoke Test", ["C#"], [], 50m, 52.52, 13.405, IsAvailable: true));
            var job = grains.GetGrain<IJobGrain>($"{JobIdPrefix}{Guid.NewGuid():N}");
            await job.Post(new JobDraft("Smoke test job", "Posted by Platform.Silo --smoke.", ["C#"], 40m, 60m, "smoke-client"));
            var assigned = await job.Assign(FreelancerId);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(assigned, Json));
        }
        finally
        {
            await host.StopAsync();
        }

        return SiloExitCodes.Ok;
    }
}
