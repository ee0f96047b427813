using Platform.Api.Security;
using Platform.Grains.Jobs;

namespace Platform.Api.Endpoints;

/// <summary>Who may see or change a job: its client and the tenant's admins; freelancers see open jobs and their own.</summary>
internal static class JobAccess
{
    public static bool Owns(Caller caller, JobSnapshot job) => caller.IsAdmin || (caller.Roles.Contains(Roles.Client) && job.ClientId == caller.UserId);

    /// <summary>The freelancer hired for the job: the other party of its contract.</summary>
    public static bool IsHired(Caller caller, JobSnapshot job) => caller.Roles.Contains(Roles.Freelancer) && job.HiredFreelancerKey == caller.Key;

    /// <summary>Either party of the job's contract, or an admin.</summary>
    public static bool IsParty(Caller caller, JobSnapshot job) => Owns(caller, job) || IsHired(caller, job);

    public static bool MaySee(Caller caller, JobSnapshot job) =>
        IsParty(caller, job)
        || (caller.Roles.Contains(Roles.Freelancer)
            && (job.Status == JobStatus.Open || job.Applicants.Any(applicant => applicant.FreelancerKey == caller.Key)));
}
