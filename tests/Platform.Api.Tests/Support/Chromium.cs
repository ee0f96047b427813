using Microsoft.Playwright;

namespace Platform.Api.Tests.Support;

/// <summary>
/// Debian's headless Chromium for the browser tests (scripts/browser.sh installs it; Playwright never downloads a browser
/// here), and their screenshots, kept as artifacts beside the test assembly.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Flags this machine needs: no sandbox as root, and no background connections its closed network refuses.</summary>
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        File.Exists(ExecutablePath).ShouldBeTrue($"{ExecutablePath} is missing: run bash scripts/browser.sh");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Flags });
    }

    /// <summary>A full-page screenshot of <paramref name="page"/> as <c>artifacts/<paramref name="fileName"/></c>, replacing an older one.</summary>
    public static async Task<FileInfo> ScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return new FileInfo(path);
    }
}
