using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Platform.Api.Dashboard;
using Platform.Api.Endpoints;
using Platform.Api.Security;

namespace Platform.Api.Hosting;

/// <summary>
/// With the development issuer: once the API listens, prints its URL, ready-made tokens of the demo users and where the
/// dashboard's sign-in is, so a newcomer can call it at once (README, "Try it" and "Observe it").
/// </summary>
internal static class DevelopmentBanner
{
    public const string Tenant = "demo";

    /// <summary>The seeded demo users: (user id, role).</summary>
    public static IReadOnlyList<(string User, string Role)> Users { get; } = [("alice", Roles.Client), ("bruno", Roles.Freelancer), ("ada", Roles.Admin)];

    public static void PrintWhenStarted(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var issuer = app.Services.GetRequiredService<DevelopmentTokenIssuer>();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"Platform API listening on {string.Join(", ", addresses)}");
            foreach (var (user, role) in Users)
            {
                Console.WriteLine($"Development token of {Tenant}/{user} ({role}): {issuer.Issue(Tenant, user, [role], DevelopmentApi.TokenLifetime)}");
            }

            var operators = app.Services.GetRequiredService<ApiOptions>().OperatorTenant;
            Console.WriteLine($"Development token of {operators}/ada (admin of the operators' tenant): {issuer.Issue(operators, "ada", [Roles.Admin], DevelopmentApi.TokenLifetime)}");
            Console.WriteLine($"Orleans dashboard for operators: open {addresses.FirstOrDefault()}{DashboardSession.SignInPage} and paste the operators' admin token");
        });
    }
}
