namespace Platform.Bench.Tests;

/// <summary>The escrow scenario, briefly: every contract is released once, the ledger balances, no payment is made twice.</summary>
public sealed class EscrowShortRunTests : IClassFixture<BenchPostgres>
{
    [Fact]
    public async Task A_short_escrow_run_through_lost_payment_answers_and_a_killed_silo_releases_every_contract_once()
    {
        var result = await Scenarios.RunAsync(new BenchOptions("escrow", 1, 8, 40));

        result.Extra["contracts_released"].ShouldBe(40);
        result.Extra["double_payments"].ShouldBe(0);
        result.Flags["ledger_balanced"].ShouldBeTrue();
        result.ToJson().ShouldContain("\"ledger_balanced\":true");
        result.Extra["ledger_postings"].ShouldBe(80);
        result.Extra["silos_killed"].ShouldBe(1);
        result.Ops.ShouldBe(5 * 40);
    }
}
