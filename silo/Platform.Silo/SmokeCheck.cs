using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;

namespace Platform.Silo;

/// <summary>
/// <c>--smoke</c>: starts the silo exactly as a real run does, takes one job through the grains from draft to a hired
/// freelancer (profile, draft, publish, application, offer, acceptance), prints the job as one JSON line on stdout and
/// stops. Proves the configured storage works end to end. The job id is new on every
/// run, so the check can run again against durable storage that keeps earlier jobs.
/// </summary>
internal static class SmokeCheck
{
    public const string FreelancerId = "smoke/freelancer";
    public const string JobIdPrefix = "smoke/job-";

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
            var shiftStart = DateTimeOffset.UtcNow.Date.AddDays(7).AddHours(9);
            var freelancer = grains.GetGrain<IFreelancerGrain>(FreelancerId);
            await freelancer.UpdateProfile(new FreelancerProfileUpdate(
                "Smoke Test", "Checks the silo", "A profile created by Platform.Silo --smoke.", "smoke@example.invalid",
                ["C#"], [], 50m, "EUR", 52.52, 13.405, [new AvailabilityWindow(shiftStart.AddDays(-1), shiftStart.AddDays(2))]));
            var jobKey = $"{JobIdPrefix}{Guid.NewGuid():N}";
            var job = grains.GetGrain<IJobGrain>(jobKey);
            await job.SaveDraft(new JobDraft(
                "Smoke test job", "Posted by Platform.Silo --smoke.", ["C#"], [], shiftStart, shiftStart.AddHours(8),
                52.52, 13.405, 25, 40m, 60m, "EUR", "smoke-client"));
            await job.Publish();
            await freelancer.Apply(jobKey, "Smoke check application.");
            await job.MakeOffer(FreelancerId, 50m);
            var assigned = await freelancer.AcceptOffer(jobKey);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(assigned, Json));
        }
        finally
        {
            await host.StopAsync();
        }

        return SiloExitCodes.Ok;
    }
}
