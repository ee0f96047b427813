using Microsoft.Extensions.FileProviders;

namespace Platform.Api.Hosting;

/// <summary>
/// The small page for people (<c>wwwroot/index.html</c>, no build step): static files, served anonymously before
/// authentication. Only an endpoint needs a token; the page asks the development issuer for one (<c>POST /dev/token</c>).
/// </summary>
public static class PageHostingExtensions
{
    public static WebApplication MapPlatformPage(this WebApplication app)
    {
        // The host's web root (wwwroot under the content root), else the copy beside the API's assembly: scripts/run.sh
        // starts the built dll from the repository root, where there is no wwwroot.
        var files = app.Environment.WebRootFileProvider;
        var besideAssembly = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!files.GetFileInfo("index.html").Exists && File.Exists(Path.Combine(besideAssembly, "index.html")))
        {
            files = new PhysicalFileProvider(besideAssembly);
        }

        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }
}
