using Platform.Runtime.Membership;
using Platform.Tests.Shared;

namespace Platform.Runtime.Tests;

public sealed class InMemoryMembershipTableTests : MembershipTableContract
{
    protected override IMembershipTable CreateTable(string clusterId) => new InMemoryMembershipTable();
}
