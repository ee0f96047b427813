using Platform.Grains.Escrow;
using Platform.Payments.Ledger;

namespace Platform.Payments.Tests;

public sealed class LedgerPostingTests
{
    private static readonly LedgerAccount Client = new(LedgerAccountKind.ClientFunds, "client-1");
    private static readonly LedgerAccount Holding = new(LedgerAccountKind.EscrowHolding, "contract-1");
    private static readonly LedgerAccount Freelancer = new(LedgerAccountKind.FreelancerPayable, "freelancer-1");
    private static readonly LedgerAccount Fee = new(LedgerAccountKind.PlatformFee, "acme");

    [Fact]
    public void A_posting_whose_debits_equal_its_credits_is_built_and_zero_amounts_add_no_line()
    {
        var posting = Posting().Credit(Holding, 10_000).Debit(Freelancer, 10_000).Debit(Fee, 0).Build();

        posting.Lines.ShouldBe([new LedgerLine(Holding, 0, 10_000), new LedgerLine(Freelancer, 10_000, 0)]);
        (posting.Total, posting.PostingId, posting.TenantId, posting.Currency, posting.Position).ShouldBe((10_000L, "escrow/acme/contract-1@5", "acme", "eur", 42L));
    }

    [Fact]
    public void A_posting_that_does_not_balance_cannot_be_built()
    {
        var builder = Posting().Credit(Holding, 10_000).Debit(Freelancer, 9_000).Debit(Fee, 999);

        Should.Throw<InvalidOperationException>(builder.Build).Message.ShouldBe(
            "Posting 'escrow/acme/contract-1@5' does not balance: debits 9999 eur but credits 10000 eur; every posting must move as much into accounts as out of them.");
    }

    [Fact]
    public void A_posting_needs_a_debit_and_a_credit()
    {
        Should.Throw<InvalidOperationException>(Posting().Debit(Holding, 5).Build).Message.ShouldBe(
            "Posting 'escrow/acme/contract-1@5' needs at least one debit and one credit; it has debits 5 and credits 0 eur.");
        Should.Throw<InvalidOperationException>(Posting().Build).Message.ShouldStartWith("Posting 'escrow/acme/contract-1@5' needs at least one debit and one credit");
    }

    [Fact]
    public void A_negative_line_is_refused_naming_the_account()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Posting().Credit(Client, -1)).Message.ShouldStartWith(
            "Posting 'escrow/acme/contract-1@5': a credit to client-funds:client-1 must not be negative; it is -1.");
    }

    [Fact]
    public void Sums_that_overflow_fail_instead_of_wrapping_into_a_balance()
    {
        Should.Throw<OverflowException>(() => Posting().Debit(Holding, long.MaxValue).Debit(Freelancer, 1));
    }

    [Fact]
    public void Account_names_read_back_into_the_same_account_and_malformed_names_are_refused()
    {
        foreach (var account in new[] { Client, Holding, Freelancer, Fee })
        {
            LedgerAccount.Parse(account.Name).ShouldBe(account);
        }

        Should.Throw<FormatException>(() => LedgerAccount.Parse("wallet:x")).Message.ShouldBe(
            "Ledger account name 'wallet:x' must be 'kind:owner' with kind client-funds, escrow-holding, freelancer-payable or platform-fee.");
    }

    [Fact]
    public async Task The_memory_store_applies_a_page_once_and_refuses_a_stale_checkpoint()
    {
        var store = new MemoryLedgerStore();
        var captured = Posting().Credit(Client, 10_000).Debit(Holding, 10_000).Build();

        (await store.ApplyAsync(0, 50, [captured], default)).ShouldBeTrue();
        (await store.ApplyAsync(0, 50, [captured], default)).ShouldBeFalse("another projector applied from this checkpoint first");
        (await store.ApplyAsync(50, 60, [], default)).ShouldBeTrue();

        var snapshot = await store.ReadSnapshotAsync("acme", default);
        (snapshot.Position, snapshot.Postings).ShouldBe((60L, 1L));
        snapshot.Balances.ShouldBe([new LedgerBalance(Client, "eur", 0, 10_000), new LedgerBalance(Holding, "eur", 10_000, 0)]);
        snapshot.Balances.Sum(balance => balance.Balance).ShouldBe(0);
        Should.Throw<ArgumentOutOfRangeException>(() => store.ApplyAsync(60, 70, [captured], default)).Message.ShouldStartWith(
            "Posting 'escrow/acme/contract-1@5' is at journal position 42, outside the applied range (60, 70].");
    }

    private static LedgerPostingBuilder Posting() => new("escrow/acme/contract-1@5", "acme", "eur", 42);
}
