using Platform.Api.Security;
using Platform.Grains.Jobs;

namespace Platform.Api.Endpoints;

/// <summary>Who may see or change a job: its client and the tenant's admins; freelancers see open jobs and their own.</summary>
internal static class JobAccess
{
    public static bool Owns(Caller caller, JobSnapshot job) => caller.IsAdmin || (caller.Roles.Contains(Roles.Client) && job.ClientId == caller.UserId);

    public static bool MaySee(Caller caller, JobSnapshot job) =>
        Owns(caller, job)
        || (caller.Roles.Contains(Roles.Freelancer)
            && (job.Status == JobStatus.Open || job.HiredFreelancerKey == caller.Key || job.Applicants.Any(applicant => applicant.FreelancerKey == caller.Key)));
}
