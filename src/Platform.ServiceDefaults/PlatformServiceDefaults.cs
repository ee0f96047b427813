using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// What the silo and the API report and serve alike: JSON console logs with trace and span ids, OpenTelemetry traces
/// and metrics (Prometheus on <c>/metrics</c>, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set) and the health probes.
/// </summary>
public static class PlatformServiceDefaults
{
    /// <summary>The tag of the health checks <c>/health/ready</c> runs; <c>/health/live</c> runs none.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Orleans' grain call spans, which the platform's call stages make (docs/decisions/0007).</summary>
    public static IReadOnlyList<string> OrleansActivitySources { get; } = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Orleans' meter and the platform's (grain method latency and failures, supervision, deadlocks).</summary>
    public static IReadOnlyList<string> Meters { get; } = ["Microsoft.Orleans", "Platform.Orleans"];

    public static TBuilder AddPlatformServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddJsonConsole(json =>
        {
            // The ids of the current span come as a scope, so every line written inside a request or grain call has them.
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME, when set, names the process; otherwise its assembly does (Platform.Silo, Platform.Api).
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(builder.Environment.ApplicationName);
                }
            })
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbeOrScrape(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource([.. OrleansActivitySources]))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter([.. Meters])
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Logs go to the collector too, with their span's ids; the console keeps its JSON lines either way.
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> (the process serves HTTP), <c>/health/ready</c> (every check tagged <see cref="ReadyTag"/>, as
    /// JSON naming each check's status and reason) and <c>/metrics</c> (Prometheus), all without a token.
    /// </summary>
    public static WebApplication MapPlatformDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportJson.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthReportJson.WriteAsync })
            .AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Ready only while the PostgreSQL database of <paramref name="connectionString"/> answers a query within
    /// <see cref="PostgreSqlHealthCheck.Patience"/>.
    /// </summary>
    public static IHealthChecksBuilder AddPlatformPostgreSql(this IHealthChecksBuilder checks, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var database = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = (int)PostgreSqlHealthCheck.Patience.TotalSeconds,
            CommandTimeout = (int)PostgreSqlHealthCheck.Patience.TotalSeconds,
        };
        return checks.Add(new HealthCheckRegistration(
            "postgresql", _ => new PostgreSqlHealthCheck(database), HealthStatus.Unhealthy, [ReadyTag], PostgreSqlHealthCheck.Patience * 2));
    }

    // Probes and scrapes every few seconds would bury the requests that matter in traces.
    private static bool IsProbeOrScrape(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
