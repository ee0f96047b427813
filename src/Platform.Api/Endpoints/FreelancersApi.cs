using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Endpoints.Requests;
using Platform.Api.Security;
using Platform.Grains.Freelancers;

namespace Platform.Api.Endpoints;

/// <summary>A freelancer's own profile, and what clients of the tenant see of freelancers.</summary>
public static class FreelancersApi
{
    public static RouteGroupBuilder MapFreelancersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/freelancers").WithTags("Freelancers");
        group.MapPut("/me", PutOwnProfile).RequireAuthorization(Roles.Freelancer);
        group.MapGet("/me", GetOwnProfile).RequireAuthorization(Roles.Freelancer);
        group.MapGet("/{freelancerId}", GetCard).RequireAuthorization(policy => policy.RequireRole(Roles.Client, Roles.Admin));
        return group;
    }

    private static async Task<Ok<FreelancerProfile>> PutOwnProfile(ProfileRequest request, Caller caller, IGrainFactory grains)
    {
        var update = new FreelancerProfileUpdate(
            request.DisplayName, request.Headline, request.Description, request.Email, request.Skills, request.Certifications ?? [],
            request.HourlyRate, request.Currency, request.Latitude, request.Longitude,
            [.. request.Availability.Select(window => new AvailabilityWindow(window.Start, window.End))]);
        return TypedResults.Ok(await grains.GetGrain<IFreelancerGrain>(caller.Key).UpdateProfile(update));
    }

    private static async Task<Results<Ok<FreelancerProfile>, NotFound>> GetOwnProfile(Caller caller, IGrainFactory grains) =>
        await grains.GetGrain<IFreelancerGrain>(caller.Key).GetProfile() is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    private static async Task<Results<Ok<FreelancerCard>, NotFound>> GetCard(string freelancerId, Caller caller, IGrainFactory grains) =>
        await grains.GetGrain<IFreelancerGrain>(caller.KeyOf(freelancerId)).GetProfile() is { } profile
            ? TypedResults.Ok(FreelancerCard.Of(profile))
            : TypedResults.NotFound();
}
