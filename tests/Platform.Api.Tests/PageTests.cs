using Microsoft.Playwright;
using Platform.Api.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Platform.Api.Tests;

/// <summary>
/// The page of src/Platform.Api/wwwroot, end to end in Debian's headless Chromium (<see cref="Chromium"/>), against the
/// API on a real port and the real silo.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PageTests(ApiCluster cluster)
{
    /// <summary>Matching (embedding the profile and the job) takes a few seconds on a cold silo.</summary>
    private static readonly float Patience = 60_000;

    [Fact]
    public async Task A_client_offers_a_matched_job_and_the_freelancer_sees_the_alert_live()
    {
        SetDefaultExpectTimeout(Patience);
        var tenant = ApiCluster.NewTenant();
        await using var server = await PageServer.StartAsync(cluster);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // Bruno, freelancer: signs in, is connected to the alerts hub, saves the prefilled profile.
        await using var brunoContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Url });
        var bruno = await brunoContext.NewPageAsync();
        await SignInAsync(bruno, tenant, "bruno");
        await bruno.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(bruno.Locator("#profile-status")).ToHaveTextAsync("Profile saved.");

        // Alice, client, in a browser context of her own: posts the prefilled job, waits for bruno among its matches, offers.
        await using var aliceContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Url });
        var alice = await aliceContext.NewPageAsync();
        await SignInAsync(alice, tenant, "alice");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Post and publish job" }).ClickAsync();
        await Expect(alice.Locator("#job-status")).ToContainTextAsync("published");
        var offer = alice.GetByRole(AriaRole.Button, new() { Name = "Offer to bruno" });
        await Expect(offer).ToBeVisibleAsync();
        await offer.ClickAsync();
        await Expect(alice.Locator("#matches .offer-status")).ToContainTextAsync("Offer made");
        await Expect(alice.Locator("#error")).ToBeHiddenAsync();

        // Bruno's page, open all along, shows the offer as it arrives.
        var alert = bruno.Locator("#alerts li[data-kind='OfferMade']");
        await Expect(alert).ToHaveCountAsync(1);
        await Expect(alert).ToContainTextAsync("OfferMade");
        await Expect(bruno.Locator("#error")).ToBeHiddenAsync();

        var screenshot = await Chromium.ScreenshotAsync(bruno, "page.png");
        await Chromium.ScreenshotAsync(alice, "page-client.png");
        screenshot.Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Without_the_development_issuer_the_page_says_how_to_start_the_api()
    {
        SetDefaultExpectTimeout(Patience);
        await using var server = await PageServer.StartAsync(cluster, developmentIssuer: false);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.Url });

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Api:Jwt:DevelopmentIssuer=true");
        await Expect(page.Locator("#tenant")).ToHaveTextAsync("demo");
        await Expect(page.Locator("#alerts-section")).ToBeHiddenAsync();
    }

    private static async Task SignInAsync(IPage page, string tenant, string user)
    {
        await page.GotoAsync($"/?tenant={tenant}");
        await Expect(page.Locator("#tenant")).ToHaveTextAsync(tenant);
        await page.GetByLabel("Demo user").SelectOptionAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signed-in")).ToContainTextAsync($"Signed in as {user}");
        await Expect(page.Locator("#hub-state")).ToHaveTextAsync("connected");
    }
}
