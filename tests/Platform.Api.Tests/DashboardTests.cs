using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

/// <summary>
/// The Orleans dashboard on the API, over HTTP: only admins see it (by bearer header or the session cookie, which nothing
/// else of the API takes), every refusal says why, and it shows the cluster's health but neither grain state nor logs.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardTests(ApiCluster cluster)
{
    private const string Page = "/dashboard/";
    private const string Counters = "/dashboard/DashboardCounters";
    private const string Session = "/api/admin/dashboard-session";

    /// <summary>The operators' tenant (Api:OperatorTenant, left at its default): only its admins see the dashboard.</summary>
    private const string Operators = "operations";
    private const string Cookie = "platform-dashboard";

    private const string NoToken = "The request carries no access token: send it as 'Authorization: Bearer <token>'.";
    private const string HowOperatorsSignIn =
        " The dashboard takes an operator's token (an admin of the operators' tenant), or the session cookie that POST /api/admin/dashboard-session sets for one (the page /dashboard-sign-in.html does it).";

    [Theory]
    [InlineData(Page)]
    [InlineData(Counters)]
    public async Task Without_credentials_the_dashboard_is_a_401_saying_how_operators_sign_in(string path)
    {
        using var anonymous = cluster.Client();

        var problem = await (await anonymous.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        problem.GetProperty("detail").GetString().ShouldBe(NoToken + HowOperatorsSignIn);
    }

    [Theory]
    [InlineData(Page)]
    [InlineData(Counters)]
    public async Task A_freelancers_token_is_a_403_naming_the_admin_role(string path)
    {
        using var freelancer = cluster.Client(Operators, "bruno", "freelancer");

        var problem = await (await freelancer.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        problem.GetProperty("detail").GetString().ShouldBe("This needs the role 'admin'; the token's roles: 'freelancer'.");
    }

    [Fact]
    public async Task An_admin_opens_the_dashboard_and_its_counters_list_the_active_silo_by_zone()
    {
        using var admin = cluster.Client(Operators, "ada", "admin");

        var page = await admin.GetAsync(Page);

        // The dashboard grain gathers the counters at most once a second: its first answer may have none yet.
        var counters = await Eventually.ValueAsync(async () =>
        {
            var polled = await (await admin.GetAsync(Counters)).ShouldBeJsonAsync(HttpStatusCode.OK);
            return polled.GetProperty("hosts").GetArrayLength() > 0 ? (JsonElement?)polled : null;
        });
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("<title>Orleans Dashboard</title>");
        var active = counters!.Value.GetProperty("hosts").EnumerateArray().Where(silo => silo.GetProperty("status").GetString() == "Active").ToList();
        active.ShouldNotBeEmpty();
        active.ShouldAllBe(silo => silo.GetProperty("siloName").GetString()!.StartsWith($"{ApiCluster.Zone}/"));
        counters.Value.GetProperty("totalActiveHostCount").GetInt32().ShouldBe(active.Count);
    }

    [Fact]
    public async Task The_session_cookie_holds_the_token_is_http_only_strict_and_scoped_to_the_dashboard_until_the_token_expires()
    {
        var token = cluster.Tokens.For(Operators, "ada", "admin");
        using var admin = cluster.ClientWithToken(token);

        var response = await admin.PostAsync(Session, content: null);
        var session = await response.ShouldBeJsonAsync(HttpStatusCode.OK);

        var expiresAt = new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero);
        session.GetProperty("dashboard").GetString().ShouldBe(Page);
        session.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(expiresAt);
        var cookie = SetCookieHeaderValue.Parse(response.Headers.GetValues(HeaderNames.SetCookie).ShouldHaveSingleItem());
        cookie.Name.Value.ShouldBe(Cookie);
        cookie.Value.Value.ShouldBe(token);
        cookie.Path.Value.ShouldBe("/dashboard");
        cookie.HttpOnly.ShouldBeTrue();
        cookie.SameSite.ShouldBe(Microsoft.Net.Http.Headers.SameSiteMode.Strict);
        cookie.Secure.ShouldBeFalse("the request was plain HTTP");
        cookie.Expires.ShouldBe(expiresAt);
    }

    [Fact]
    public async Task Behind_a_proxy_that_terminates_tls_the_session_cookie_is_secure()
    {
        // As k8s/base/api.yaml runs the API behind its ingress.
        await using var api = await ApiProcess.StartAsync(cluster, ("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true"));
        using var proxied = new HttpClient { BaseAddress = new Uri(api.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, Session);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cluster.Tokens.For(Operators, "ada", "admin"));
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await proxied.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        SetCookieHeaderValue.Parse(response.Headers.GetValues(HeaderNames.SetCookie).ShouldHaveSingleItem()).Secure.ShouldBeTrue();
    }

    [Fact]
    public async Task The_session_cookie_opens_the_dashboard_and_nothing_else_of_the_API()
    {
        var token = cluster.Tokens.For(Operators, "ada", "admin");
        using var browser = cluster.Client();

        var dashboard = await browser.SendAsync(WithCookie(HttpMethod.Get, Counters, token));
        var api = await browser.SendAsync(WithCookie(HttpMethod.Get, "/api/notifications", token));
        var session = await browser.SendAsync(WithCookie(HttpMethod.Post, Session, token));

        await dashboard.ShouldBeJsonAsync(HttpStatusCode.OK);
        (await api.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldBe(NoToken);
        (await session.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldBe(NoToken);
    }

    [Fact]
    public async Task A_session_whose_token_expired_is_a_401_saying_so()
    {
        var expired = cluster.Tokens.Create(Operators, "ada", ["admin"], TimeSpan.FromMinutes(-10));
        using var browser = cluster.Client();

        var problem = await (await browser.SendAsync(WithCookie(HttpMethod.Get, Counters, expired))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        problem.GetProperty("detail").GetString()!.ShouldStartWith("The access token was refused. It expired at ");
        problem.GetProperty("detail").GetString()!.ShouldEndWith(HowOperatorsSignIn);
    }

    public static TheoryData<string, HttpStatusCode, string> BadSessionRequests() => new()
    {
        { "no token", HttpStatusCode.Unauthorized, NoToken },
        { "the token in the query", HttpStatusCode.Unauthorized, NoToken },
        { "the token in the body", HttpStatusCode.Unauthorized, NoToken },
        { "a token signed by another key", HttpStatusCode.Unauthorized, "The access token was refused. It is not signed by a key this API trusts." },
        { "a token of another issuer", HttpStatusCode.Unauthorized, "The access token was refused. It is from an issuer this API does not trust." },
        { "a token without a tenant", HttpStatusCode.Unauthorized, "The access token was refused. The token must carry a 'tenant' claim and a 'sub' claim that form a valid 'tenant/user' key." },
        { "not a token", HttpStatusCode.Unauthorized, "The access token was refused. It is not a well-formed token." },
        { "a client's token", HttpStatusCode.Forbidden, "This needs the role 'admin'; the token's roles: 'client'." },
        { "a client's and freelancer's token", HttpStatusCode.Forbidden, "This needs the role 'admin'; the token's roles: 'client', 'freelancer'." },
        { "an admin of a customer's tenant", HttpStatusCode.Forbidden, "This is for the operators' tenant 'operations'; the token's tenant: 'acme'." },
        {
            "a client of a customer's tenant", HttpStatusCode.Forbidden,
            "This needs the role 'admin'; the token's roles: 'client'. This is for the operators' tenant 'operations'; the token's tenant: 'acme'."
        },
    };

    [Theory]
    [MemberData(nameof(BadSessionRequests))]
    public async Task The_session_endpoint_refuses_what_is_not_an_admins_bearer_token_saying_why(string what, HttpStatusCode status, string detail)
    {
        using var otherKey = RSA.Create(2048);
        const string tenant = Operators;
        var admin = cluster.Tokens.For(tenant, "ada", "admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, what == "the token in the query" ? $"{Session}?access_token={admin}" : Session);
        var bearer = what switch
        {
            "a token signed by another key" => cluster.Tokens.Create(tenant, "ada", ["admin"], TimeSpan.FromMinutes(5), signWith: otherKey),
            "a token of another issuer" => cluster.Tokens.Create(tenant, "ada", ["admin"], TimeSpan.FromMinutes(5), issuer: "https://evil.test"),
            "a token without a tenant" => cluster.Tokens.Create(null, "ada", ["admin"], TimeSpan.FromMinutes(5)),
            "not a token" => "not.a.token",
            "a client's token" => cluster.Tokens.For(tenant, "alice", "client"),
            "a client's and freelancer's token" => cluster.Tokens.For(tenant, "alice", "freelancer", "client"),
            "an admin of a customer's tenant" => cluster.Tokens.For("acme", "ada", "admin"),
            "a client of a customer's tenant" => cluster.Tokens.For("acme", "alice", "client"),
            _ => null,
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (what == "the token in the body")
        {
            request.Content = new FormUrlEncodedContent([new("token", admin)]);
        }

        using var anonymous = cluster.Client();
        var response = await anonymous.SendAsync(request);

        (await response.ShouldBeProblemAsync(status)).GetProperty("detail").GetString().ShouldBe(detail);
        response.Headers.Contains(HeaderNames.SetCookie).ShouldBeFalse();
    }

    [Fact]
    public async Task The_dashboard_serves_neither_grain_state_nor_the_log_stream()
    {
        using var admin = cluster.Client(Operators, "ada", "admin");

        var state = await (await admin.GetAsync("/dashboard/GrainState?grainId=acme/job-1&grainType=Platform.Grains.Jobs.JobGrain"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var trace = await (await admin.GetAsync("/dashboard/Trace")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        state.GetProperty("title").GetString().ShouldBe("Grain state is not shown");
        trace.GetProperty("detail").GetString().ShouldBe("The trace endpoint is disabled in the dashboard options.");
    }

    [Fact]
    public async Task The_openapi_document_has_the_session_endpoint_and_not_the_dashboards_calls()
    {
        using var anonymous = cluster.Client();

        var document = await (await anonymous.GetAsync("/openapi/v1.json")).ShouldBeJsonAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        paths.ShouldContain(Session);
        paths.ShouldNotContain(path => path.StartsWith("/dashboard", StringComparison.Ordinal));
    }

    private static HttpRequestMessage WithCookie(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(HeaderNames.Cookie, $"{Cookie}={token}");
        return request;
    }
}
