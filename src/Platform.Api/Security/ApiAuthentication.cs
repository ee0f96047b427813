using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using Platform.Api.Dashboard;

namespace Platform.Api.Security;

/// <summary>
/// JWT bearer authentication (RS256 only) and one authorization policy per role. The token comes in the Authorization
/// header; on the hubs also in the query (websockets), on the dashboard also in its session cookie (navigation).
/// </summary>
internal static class ApiAuthentication
{
    /// <summary>Where the SignalR hub lives: browsers cannot set headers on websockets, so its token may come in the query.</summary>
    public const string HubPathPrefix = "/hubs";

    public static void AddApiAuthentication(this IServiceCollection services, JwtOptions jwt)
    {
        SecurityKey[] configuredKeys = [.. jwt.SigningKeysPem.Select(pem =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return (SecurityKey)new RsaSecurityKey(rsa);
        })];
        DevelopmentTokenIssuer? development = jwt.DevelopmentIssuer ? new DevelopmentTokenIssuer(jwt, TimeProvider.System) : null;
        if (development is not null)
        {
            services.AddSingleton(development);
        }

        JwksSigningKeys? jwks = jwt.JwksUrl is { Length: > 0 } url ? new JwksSigningKeys(new HttpClient(), new Uri(url), TimeProvider.System) : null;
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateLifetime = true,
                ClockSkew = jwt.ClockSkew,
                NameClaimType = "sub",
                RoleClaimType = Caller.RoleClaim,
                IssuerSigningKeys = development is not null ? [development.SigningKey] : configuredKeys,
                IssuerSigningKeyResolver = jwks is null ? null : (_, _, keyId, _) => jwks.Resolve(keyId),
            };
            bearer.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (Caller.From(context.Principal!) is null)
                    {
                        context.Fail($"The token must carry a '{Caller.TenantClaim}' claim and a 'sub' claim that form a valid 'tenant/user' key.");
                    }

                    return Task.CompletedTask;
                },
                OnMessageReceived = context =>
                {
                    if (context.HttpContext.Request.Path.StartsWithSegments(HubPathPrefix)
                        && context.Request.Query["access_token"] is { Count: 1 } token)
                    {
                        context.Token = token;
                    }
                    else if (DashboardSession.TokenOf(context.Request) is { } session)
                    {
                        context.Token = session;
                    }

                    return Task.CompletedTask;
                },
            };
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationRefusals>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Client, policy => policy.RequireClaim(Caller.TenantClaim).RequireClaim(Caller.RoleClaim, Roles.Client))
            .AddPolicy(Roles.Freelancer, policy => policy.RequireClaim(Caller.TenantClaim).RequireClaim(Caller.RoleClaim, Roles.Freelancer))
            .AddPolicy(Roles.Admin, policy => policy.RequireClaim(Caller.TenantClaim).RequireClaim(Caller.RoleClaim, Roles.Admin))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(Caller.TenantClaim).Build());
    }
}
