using Platform.Grains.Jobs;

namespace Platform.Api.Endpoints;

/// <summary>What a freelancer of the tenant sees of a job: the posting, not who applied or what was offered to others.</summary>
public sealed record PublicJob(
    string JobId,
    JobStatus Status,
    string Title,
    string Description,
    IReadOnlyList<string> RequiredSkills,
    IReadOnlyList<string> RequiredCertifications,
    DateTimeOffset ShiftStart,
    DateTimeOffset ShiftEnd,
    double Latitude,
    double Longitude,
    decimal HourlyWageMin,
    decimal HourlyWageMax,
    string Currency)
{
    public static PublicJob Of(JobSnapshot job) => new(
        job.JobKey[(job.JobKey.IndexOf('/', StringComparison.Ordinal) + 1)..], job.Status, job.Title, job.Description,
        job.RequiredSkills, job.RequiredCertifications, job.ShiftStart, job.ShiftEnd, job.Latitude, job.Longitude,
        job.HourlyWageMin, job.HourlyWageMax, job.Currency);
}
