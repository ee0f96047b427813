using Platform.Runtime.Membership;

namespace Platform.Runtime.Tests.Membership;

public sealed class ClusterMembershipOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => new ClusterMembershipOptions().Validate();

    [Theory]
    [InlineData(nameof(ClusterMembershipOptions.ProbePeriod), "0", "ProbePeriod (00:00:00) must be greater than zero.")]
    [InlineData(
        nameof(ClusterMembershipOptions.ProbeTimeout),
        "5",
        "ProbeTimeout (00:00:05) must not be longer than ProbePeriod (00:00:01): a probe must end before the next one starts.")]
    [InlineData(nameof(ClusterMembershipOptions.MissedProbesLimit), "0", "MissedProbesLimit (0) must be at least 1.")]
    [InlineData(nameof(ClusterMembershipOptions.VotesToDeclareDead), "0", "VotesToDeclareDead (0) must be at least 1.")]
    [InlineData(
        nameof(ClusterMembershipOptions.VoteExpiration),
        "2",
        "VoteExpiration (00:00:02) must be longer than ProbePeriod + ProbeTimeout (00:00:02): a vote must outlive the probe that renews it.")]
    [InlineData(nameof(ClusterMembershipOptions.TableRefreshPeriod), "0", "TableRefreshPeriod (00:00:00) must be greater than zero.")]
    [InlineData(nameof(ClusterMembershipOptions.IAmAlivePeriod), "-1", "IAmAlivePeriod (-00:00:01) must be greater than zero.")]
    [InlineData(
        nameof(ClusterMembershipOptions.IAmAliveTimeout),
        "2",
        "IAmAliveTimeout (00:00:02) must be longer than IAmAlivePeriod + TableRefreshPeriod (00:00:02): a live silo's heartbeat can look unchanged for that long.")]
    [InlineData(nameof(ClusterMembershipOptions.MaxProbedSilos), "0", "MaxProbedSilos (0) must be at least 1.")]
    public void A_bad_value_is_named_with_the_rule_it_breaks(string option, string value, string message)
    {
        var options = new ClusterMembershipOptions();
        var property = typeof(ClusterMembershipOptions).GetProperty(option)!;
        property.SetValue(options, property.PropertyType == typeof(int) ? int.Parse(value) : TimeSpan.FromSeconds(int.Parse(value)));

        Should.Throw<ArgumentException>(options.Validate).Message.ShouldBe(message);
    }
}
