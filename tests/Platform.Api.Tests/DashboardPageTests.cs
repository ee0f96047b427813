using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Api.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Platform.Api.Tests;

/// <summary>
/// The operators' dashboard end to end in headless Chromium (<see cref="Chromium"/>): an admin signs in on the API's
/// sign-in page, and the Orleans dashboard shows the live silo with its zone, the grain types with their activations,
/// and call rates and latencies of the calls the test makes meanwhile. Screenshots go to <c>artifacts/dashboard*.png</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class DashboardPageTests(ApiCluster cluster)
{
    /// <summary>The first poll of a page turns the silos' profiling on; the figures then come with the next seconds' polls.</summary>
    private static readonly float Patience = 60_000;

    [Fact]
    public async Task An_operator_signs_in_and_sees_the_silo_by_zone_the_activations_per_grain_type_and_the_call_rates()
    {
        SetDefaultExpectTimeout(Patience);
        var tenant = ApiCluster.NewTenant();
        // An admin of the operators' tenant (Api:OperatorTenant at its default); the jobs are a customer's.
        var adminToken = cluster.Tokens.For("operations", "ada", "admin");
        await using var server = await PageServer.StartAsync(cluster, developmentIssuer: false);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Url,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();

        // Sign in: the token goes out once, in a header; the browser keeps it as the dashboard's cookie.
        await page.GotoAsync("/dashboard-sign-in.html");
        await page.GetByLabel("Operator access token").FillAsync(adminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the dashboard" }).ClickAsync();
        await page.WaitForURLAsync($"{server.Url}/dashboard/");
        var cookie = (await context.CookiesAsync()).ShouldHaveSingleItem();
        (cookie.Name, cookie.Path, cookie.HttpOnly, cookie.SameSite).ShouldBe(("platform-dashboard", "/dashboard", true, SameSiteAttribute.Strict));
        await Expect(Counter(page, "Active Silos")).ToHaveTextAsync("1");

        // Calls to a job's grain while the page is open, so that the silo profiles them.
        using var calls = new CancellationTokenSource();
        var activity = CallAJobUntilCancelledAsync(tenant, calls.Token);
        try
        {
            await Expect(Counter(page, "Req/sec")).ToHaveTextAsync(NonZeroDecimal());
            await Expect(Counter(page, "Average response time")).ToHaveTextAsync(NonZeroMilliseconds());
            await Expect(Panel(page, "Methods with Most Calls")).ToContainTextAsync("JobGrain");
            await Expect(Panel(page, "Methods with Highest Latency")).ToContainTextAsync(new Regex(@"\d+\.\d{2}ms/req"));
            var overview = await Chromium.ScreenshotAsync(page, "dashboard.png");

            await page.GetByRole(AriaRole.Link, new() { Name = "Grains", Exact = true }).ClickAsync();
            var jobGrain = page.Locator("tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "JobGrain", Exact = true }) });
            await Expect(jobGrain.Locator("td").Nth(2)).ToHaveTextAsync(new Regex(@"^\s*[1-9]\d*\s*$"));
            await Expect(jobGrain.Locator("td").Nth(4)).ToHaveTextAsync(new Regex(@"^\s*(?!0\.00\b)\d+\.\d{2}\s+req/sec\s*$"));
            await Expect(jobGrain.Locator("td").Nth(5)).ToHaveTextAsync(new Regex(@"^\s*(?!0\.00\b)\d+\.\d{2}\s+ms/req\s*$"));
            await Chromium.ScreenshotAsync(page, "dashboard-grains.png");

            overview.Length.ShouldBeGreaterThan(0);
        }
        finally
        {
            await calls.CancelAsync();
            await activity;
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Silos", Exact = true }).ClickAsync();
        var silo = page.Locator("tr").Filter(new() { HasText = $"{ApiCluster.Zone}/" });
        await Expect(silo).ToHaveCountAsync(1);
        await Expect(silo.Locator(".label")).ToHaveTextAsync("Active");
        await Expect(silo).ToContainTextAsync(new Regex(@"[1-9]\d*\s+activations"));
        await Chromium.ScreenshotAsync(page, "dashboard-silos.png");

        // The silo's own page lists the zone the placement reads, as silo metadata.
        await silo.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("tr").Filter(new() { HasText = "cloud.availability_zone" })).ToContainTextAsync(ApiCluster.Zone);
        await Expect(page.Locator("#error-message-content .alert")).ToHaveCountAsync(0);
    }

    private static ILocator Counter(IPage page, string title) =>
        page.Locator(".info-box-content").Filter(new() { Has = page.Locator(".info-box-text", new() { HasText = title }) }).Locator(".info-box-number");

    private static ILocator Panel(IPage page, string title) =>
        page.Locator(".card").Filter(new() { Has = page.Locator(".card-title", new() { HasText = title }) });

    /// <summary>Posts a job and reads it ten times a second (within the tests' per-user rate limit) until cancelled.</summary>
    private async Task CallAJobUntilCancelledAsync(string tenant, CancellationToken cancelled)
    {
        var job = await cluster.PostJobAsync(tenant, "alice");
        using var client = cluster.Client(tenant, "alice", "client");
        while (!cancelled.IsCancellationRequested)
        {
            (await client.GetAsync(job, CancellationToken.None)).StatusCode.ShouldBe(HttpStatusCode.OK);
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }

    [GeneratedRegex(@"^(?!0\.00$)\d+\.\d{2}$")]
    private static partial Regex NonZeroDecimal();

    [GeneratedRegex(@"^(?!0\.00ms$)\d+\.\d{2}ms$")]
    private static partial Regex NonZeroMilliseconds();
}
