using Platform.Grains.Tenancy;

namespace Platform.Grains.Tests;

public sealed class TenantKeyTests
{
    [Theory]
    [InlineData("acme/f-1", "acme", "f-1")]
    [InlineData("t-42/job:2026.03_A", "t-42", "job:2026.03_A")]
    public void A_well_formed_key_parses_into_tenant_and_id_and_prints_back(string key, string tenant, string id)
    {
        var parsed = TenantKey.Parse(key);

        parsed.TenantId.ShouldBe(tenant);
        parsed.Id.ShouldBe(id);
        parsed.ToString().ShouldBe(key);
        TenantKey.Create(tenant, id).ShouldBe(parsed);
    }

    [Theory]
    [InlineData("", "Grain key must not be empty; expected 'tenant/id'.")]
    [InlineData("ada", "Grain key 'ada' has no tenant; expected 'tenant/id'.")]
    [InlineData("/ada", "Grain key '/ada' has an empty tenant id; expected 'tenant/id'.")]
    [InlineData("acme/", "Grain key 'acme/' has an empty id; expected 'tenant/id'.")]
    [InlineData("Acme/ada", "Tenant id 'Acme' in grain key 'Acme/ada' contains 'A' at position 1; a tenant id may hold only lower-case ASCII letters, digits and '-'.")]
    [InlineData("ac me/ada", "Tenant id 'ac me' in grain key 'ac me/ada' contains ' ' at position 3; a tenant id may hold only lower-case ASCII letters, digits and '-'.")]
    [InlineData("acme/ada@example.org", "Id 'ada@example.org' in grain key 'acme/ada@example.org' contains '@' at position 4; an id may hold only ASCII letters, digits, '-', '_', '.' and ':'.")]
    [InlineData("acme/Ada Lovelace", "Id 'Ada Lovelace' in grain key 'acme/Ada Lovelace' contains ' ' at position 4; an id may hold only ASCII letters, digits, '-', '_', '.' and ':'.")]
    [InlineData("acme/globex/ada", "Id 'globex/ada' in grain key 'acme/globex/ada' contains '/' at position 7; an id may hold only ASCII letters, digits, '-', '_', '.' and ':'.")]
    public void A_malformed_key_is_refused_saying_which_part_is_wrong(string key, string message)
    {
        Should.Throw<ArgumentException>(() => TenantKey.Parse(key)).Message.ShouldStartWith(message);
    }

    [Fact]
    public void Over_long_parts_are_refused_with_their_length()
    {
        var tenant = new string('a', TenantKey.MaxTenantIdLength + 1);
        Should.Throw<ArgumentException>(() => TenantKey.Parse($"{tenant}/x")).Message
            .ShouldStartWith($"Tenant id '{tenant}' in grain key '{tenant}/x' is 64 characters long; at most 63 are allowed.");
        var id = new string('x', TenantKey.MaxIdLength + 1);
        Should.Throw<ArgumentException>(() => TenantKey.Create("acme", id)).Message
            .ShouldStartWith($"Id '{id}' is 129 characters long; at most 128 are allowed.");
    }

    [Fact]
    public void A_reference_is_accepted_only_within_the_tenant()
    {
        var job = TenantKey.Parse("acme/job-1");

        job.ParseInTenant("acme/f-1", "freelancer").ShouldBe(TenantKey.Parse("acme/f-1"));
        var refused = Should.Throw<TenantMismatchException>(() => job.ParseInTenant("globex/f-1", "freelancer"));
        refused.Message.ShouldBe("'acme/job-1' of tenant 'acme' cannot reference freelancer 'globex/f-1' of tenant 'globex': cross-tenant references are refused.");
        refused.ReferencedTenantId.ShouldBe("globex");
        Should.Throw<ArgumentException>(() => job.ParseInTenant("", "freelancer")).Message.ShouldStartWith("A freelancer key is required; expected 'acme/id'.");
    }
}
