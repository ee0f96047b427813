using System.Net;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiCluster cluster)
{
    [Fact]
    public async Task Health_probes_answer_without_a_token_and_ready_names_its_checks()
    {
        using var anonymous = cluster.Client();

        var live = await (await anonymous.GetAsync("/health/live")).ShouldBeJsonAsync(HttpStatusCode.OK);
        var ready = await (await anonymous.GetAsync("/health/ready")).ShouldBeJsonAsync(HttpStatusCode.OK);

        live.GetProperty("status").GetString().ShouldBe("Healthy");
        ready.GetProperty("status").GetString().ShouldBe("Healthy");
        var check = ready.GetProperty("checks").EnumerateArray().ShouldHaveSingleItem();
        check.GetProperty("name").GetString().ShouldBe("cluster");
        check.GetProperty("description").GetString().ShouldBe("1 active silo(s)");
    }

    [Fact]
    public async Task The_API_serves_its_request_metrics_for_Prometheus_without_a_token()
    {
        using var anonymous = cluster.Client();
        await anonymous.GetAsync("/openapi/v1.json");

        var metrics = await anonymous.GetStringAsync("/metrics");

        metrics.ShouldContain("http_server_request_duration_seconds");
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_endpoints()
    {
        using var anonymous = cluster.Client();

        var document = await (await anonymous.GetAsync("/openapi/v1.json")).ShouldBeJsonAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        paths.ShouldContain("/api/jobs");
        paths.ShouldContain("/api/jobs/{jobId}/offers");
        paths.ShouldContain("/api/freelancers/me");
    }

    [Fact]
    public async Task A_user_over_the_rate_limit_gets_429_with_Retry_After_and_others_do_not()
    {
        var tenant = ApiCluster.NewTenant();
        using var hasty = cluster.Client(tenant, "hasty", "freelancer");
        using var calm = cluster.Client(tenant, "calm", "freelancer");

        var responses = await Task.WhenAll(Enumerable.Range(0, ApiCluster.PerUserPerSecond * 3).Select(_ => hasty.GetAsync("/api/freelancers/me")));

        var refused = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.ShouldNotBeEmpty();
        refused[0].Headers.RetryAfter.ShouldNotBeNull();
        await refused[0].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        (await calm.GetAsync("/api/freelancers/me")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
