using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiCluster cluster)
{
    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401()
    {
        using var anonymous = cluster.Client();

        await (await anonymous.GetAsync("/api/freelancers/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string> BadTokens() => ["expired", "other issuer", "other audience", "other key", "no tenant", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_the_API_must_not_trust_is_refused_with_401(string what)
    {
        using var otherKey = RSA.Create(2048);
        var tokens = cluster.Tokens;
        var token = what switch
        {
            "expired" => tokens.Create("acme", "bruno", ["freelancer"], TimeSpan.FromMinutes(-10)),
            "other issuer" => tokens.Create("acme", "bruno", ["freelancer"], TimeSpan.FromMinutes(5), issuer: "https://evil.test"),
            "other audience" => tokens.Create("acme", "bruno", ["freelancer"], TimeSpan.FromMinutes(5), audience: "another-api"),
            "other key" => tokens.Create("acme", "bruno", ["freelancer"], TimeSpan.FromMinutes(5), signWith: otherKey),
            "no tenant" => tokens.Create(null, "bruno", ["freelancer"], TimeSpan.FromMinutes(5)),
            _ => "not.a.token",
        };
        using var client = cluster.ClientWithToken(token);

        await (await client.GetAsync("/api/freelancers/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_freelancer_cannot_post_jobs()
    {
        using var freelancer = cluster.Client(ApiCluster.NewTenant(), "bruno", "freelancer");

        await (await freelancer.PostIdempotentAsync("/api/jobs", Samples.Job())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Nobody_sees_another_tenants_or_another_clients_job()
    {
        var tenant = ApiCluster.NewTenant();
        using var owner = cluster.Client(tenant, "alice", "client");
        var posted = await owner.PostIdempotentAsync("/api/jobs", Samples.Job(publish: false));
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var path = posted.Headers.Location!.ToString();
        using var otherClient = cluster.Client(tenant, "mallory", "client");
        using var otherTenant = cluster.Client(ApiCluster.NewTenant(), "alice", "client", "admin");
        using var freelancer = cluster.Client(tenant, "bruno", "freelancer");

        await (await otherClient.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherClient.GetAsync($"{path}/matches")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherClient.PostAsync($"{path}/publish", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherTenant.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await freelancer.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await owner.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_freelancers_own_profile_is_theirs_alone()
    {
        var tenant = ApiCluster.NewTenant();
        using var bruno = cluster.Client(tenant, "bruno", "freelancer");
        using var carla = cluster.Client(tenant, "carla", "freelancer");
        (await bruno.PutAsJsonAsync("/api/freelancers/me", Samples.Profile())).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await carla.GetAsync("/api/freelancers/me")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await carla.GetAsync("/api/freelancers/bruno")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
