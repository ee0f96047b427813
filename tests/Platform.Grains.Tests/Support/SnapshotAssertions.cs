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
        (actual with { RequiredSkills = expected.RequiredSkills }).ShouldBe(expected);
    }

    public static void ShouldBeSameProfile(this FreelancerProfile? actual, FreelancerProfile expected)
    {
        actual.ShouldNotBeNull();
        actual.Skills.ShouldBe(expected.Skills);
        actual.Certifications.ShouldBe(expected.Certifications);
        (actual with { Skills = expected.Skills, Certifications = expected.Certifications }).ShouldBe(expected);
    }
}
