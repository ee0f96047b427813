using Platform.Grains.Freelancers;
using Platform.Grains.Jobs;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// Record equality compares list members by reference, and every call hands out fresh copies of the lists; these
/// compare the lists by content and everything else with the record's own equality.
/// </summary>
public static class SnapshotAssertions
{
    public static void ShouldBeSameJob(this JobSnapshot? actual, JobSnapshot expected)
    {
        actual.ShouldNotBeNull();
        actual.RequiredSkills.ShouldBe(expected.RequiredSkills);
        actual.RequiredCertifications.ShouldBe(expected.RequiredCertifications);
        actual.Applicants.ShouldBe(expected.Applicants);
        actual.Candidates.ShouldBe(expected.Candidates);
        actual.Offers.ShouldBe(expected.Offers);
        (actual with
        {
            RequiredSkills = expected.RequiredSkills,
            RequiredCertifications = expected.RequiredCertifications,
            Applicants = expected.Applicants,
            Candidates = expected.Candidates,
            Offers = expected.Offers,
        }).ShouldBe(expected);
    }

    public static void ShouldBeSameProfile(this FreelancerProfile? actual, FreelancerProfile expected)
    {
        actual.ShouldNotBeNull();
        actual.Skills.ShouldBe(expected.Skills);
        actual.Certifications.ShouldBe(expected.Certifications);
        actual.VerifiedCertifications.ShouldBe(expected.VerifiedCertifications);
        actual.Availability.ShouldBe(expected.Availability);
        (actual with
        {
            Skills = expected.Skills,
            Certifications = expected.Certifications,
            VerifiedCertifications = expected.VerifiedCertifications,
            Availability = expected.Availability,
        }).ShouldBe(expected);
    }

    public static void ShouldBeSameReceipt(this ErasureReceipt? actual, ErasureReceipt expected)
    {
        actual.ShouldNotBeNull();
        actual.JobsPseudonymized.ShouldBe(expected.JobsPseudonymized);
        (actual with { JobsPseudonymized = expected.JobsPseudonymized }).ShouldBe(expected);
    }
}
