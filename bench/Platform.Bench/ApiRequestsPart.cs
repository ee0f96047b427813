using System.Net.Http.Json;

namespace Platform.Bench;

/// <summary>
/// HTTP requests through the API process, each one grain call (<c>GET /api/freelancers/me</c>: a token checked, the
/// user's freelancer grain asked, JSON written), from closed loops in this process, ramped; the API's CPU is read from
/// /proc, so requests per second per API core follows whatever else the machine runs.
/// </summary>
internal static class ApiRequestsPart
{
    public const string Name = "api_requests";

    private const string Tenant = "capacity-api";
    private const int SeedParallelism = 32;

    public static async Task<BenchResult> RunAsync(CapacityRig rig, CapacitySizes sizes)
    {
        var api = rig.Api;
        var users = Enumerable.Range(0, sizes.ApiUsers).Select(i => $"f{i:D5}").ToArray();
        var tokens = await api.TokensAsync(Tenant, users, "freelancer");
        await Parallel.ForEachAsync(
            Enumerable.Range(0, users.Length),
            new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism },
            async (i, _) =>
            {
                using var response = await api.Http.SendAsync(
                    ApiHost.Request(HttpMethod.Put, "/api/freelancers/me", tokens[i], JsonContent.Create(ApiHost.Profile(users[i], 0))));
                response.EnsureSuccessStatusCode();
            });

        Func<int, Func<Task>> read = slot => async () =>
        {
            using var response = await api.Http.SendAsync(ApiHost.Request(HttpMethod.Get, "/api/freelancers/me", tokens[slot % tokens.Length]));
            response.EnsureSuccessStatusCode();
        };
        var (result, best, _) = await SaturationRamp.MeasureAsync(
            Name, sizes.Ramp, sizes, [rig.ApiCpu, rig.Silo, CapacityRig.LoadGenerator, CpuProbe.Machine], read);
        result.Extra["grain_calls_per_request"] = 1;
        result.Extra["per_api_core_per_second"] = CapacityScenario.PerCore(best.PerSecond, best.CpuCores["api"]);
        return result;
    }
}
