using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Api.Dashboard;
using Platform.Api.Endpoints;
using Platform.Api.Errors;
using Platform.Api.Idempotency;
using Platform.Api.Realtime;
using Platform.Api.Security;
using Platform.Client;
using Platform.ServiceDefaults;

namespace Platform.Api.Hosting;

/// <summary>Everything the front end needs, in one place: <see cref="AddPlatformApi"/> for services, <see cref="MapPlatformApi"/> for the pipeline.</summary>
public static class ApiHostingExtensions
{
    /// <exception cref="OptionsValidationException">The <c>Api</c> section is incomplete or malformed; the message names each bad value.</exception>
    public static WebApplicationBuilder AddPlatformApi(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        var validation = new ApiOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(ApiOptions.SectionName, typeof(ApiOptions), validation.Failures);
        }

        builder.AddPlatformServiceDefaults();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Escrow);
        builder.AddPlatformClient(client =>
        {
            foreach (var gateway in options.Gateways)
            {
                client.Gateways.Add(gateway);
            }

            client.PostgresConnectionString = options.PostgresConnectionString;
            client.ClusterId = options.ClusterId;
            client.ServiceId = options.ServiceId;
            client.ResponseTimeout = options.GrainCallTimeout;
            client.Tls = options.Tls;
        });
        builder.AddOperatorDashboard(options.OperatorTenant);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        // Enums as their names: "Open", not 1, so clients do not depend on the grains' numbering.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<ClaimSettlement>();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddValidation();
        builder.Services.AddOpenApi();
        builder.Services.AddApiAuthentication(options.Jwt);
        builder.Services.AddApiRateLimits(options.RateLimits);
        builder.Services.AddSingleton(options.Concurrency);
        builder.Services.AddSingleton(new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Concurrency.MaxRequests,
            QueueLimit = options.Concurrency.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        builder.Services.AddPlatformRealtime();
        var checks = builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [PlatformServiceDefaults.ReadyTag]);
        if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            // The client reads the gateways from the membership table: without the database it finds no new silo.
            checks.AddPlatformPostgreSql(options.PostgresConnectionString);
        }

        return builder;
    }

    public static WebApplication MapPlatformApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseMiddleware<AdmissionControl>();
        app.UseMiddleware<RequestSizeLimit>();
        app.UseStatusCodePages();
        app.MapPlatformPage();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();
        app.MapPlatformDefaultEndpoints();
        app.MapFreelancersApi();
        app.MapJobsApi();
        app.MapHiringApi();
        app.MapMatchingApi();
        app.MapEscrowApi();
        app.MapSyncApi();
        app.MapNotificationsApi();
        app.MapPlatformRealtime();
        app.MapOperatorDashboard();
        if (app.Services.GetRequiredService<ApiOptions>().Jwt.DevelopmentIssuer)
        {
            app.MapDevelopmentApi();
            DevelopmentBanner.PrintWhenStarted(app);
        }

        return app;
    }
}
