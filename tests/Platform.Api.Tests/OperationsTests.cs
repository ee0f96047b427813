using System.Net;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiCluster cluster)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_probes_answer_without_a_token(string path)
    {
        using var anonymous = cluster.Client();

        var response = await anonymous.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
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
