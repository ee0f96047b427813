using Orleans.Dashboard;
using Platform.Api.Security;

namespace Platform.Api.Dashboard;

/// <summary>
/// The Orleans dashboard for operators, served by the API from its cluster client (the silos collect the figures,
/// decision 0010): every page and every call it polls needs an operator (an admin of the operators' tenant), by bearer
/// header or by the session cookie of <see cref="DashboardSessionApi"/>. What it would show beyond the cluster's health is switched off: the log stream
/// (this process's log lines) and grain state (every tenant's data, personal data included, while the admin role is a
/// tenant's).
/// </summary>
internal static class DashboardHostingExtensions
{
    /// <summary>Operators: admins of <see cref="Hosting.ApiOptions.OperatorTenant"/>, not of a customer's tenant.</summary>
    public const string OperatorPolicy = "operator";

    public static WebApplicationBuilder AddOperatorDashboard(this WebApplicationBuilder builder, string operatorTenant)
    {
        // The same client as AddPlatformClient's: Orleans configures one client however often UseOrleansClient is called.
        builder.UseOrleansClient(client => client.AddDashboard(options => options.HideTrace = true));
        builder.Services.AddAuthorizationBuilder().AddPolicy(
            OperatorPolicy, policy => policy.RequireClaim(Caller.TenantClaim, operatorTenant).RequireClaim(Caller.RoleClaim, Roles.Admin));
        return builder;
    }

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        IEndpointConventionBuilder dashboard = app.MapOrleansDashboard(DashboardSession.Path)
            .RequireAuthorization(OperatorPolicy)
            .ExcludeFromDescription();
        dashboard.Add(RefuseGrainState);
        app.MapDashboardSessionApi();
        return app;
    }

    /// <summary>
    /// The dashboard can read any grain's state by type and key and has no option to turn that off: a filter answers its
    /// grain state call with 403 before it runs.
    /// </summary>
    private static void RefuseGrainState(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.EndsWith("/GrainState", StringComparison.Ordinal))
        {
            endpoint.FilterFactories.Add((_, _) => _ => ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Grain state is not shown",
                detail: "This dashboard does not show grain state: it holds every tenant's data, personal data included. Each tenant sees its own data through the API's endpoints.")));
        }
    }
}
