using Platform.Matching.Tests.Support;

namespace Platform.Matching.Tests.Index;

public sealed class InMemoryFreelancerMatchIndexTests : FreelancerMatchIndexContract
{
    protected override IFreelancerMatchIndex Index { get; } = new InMemoryFreelancerMatchIndex(MatchSamples.Dimensions);
}
