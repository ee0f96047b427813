using Npgsql;
using Platform.Grains.Escrow;

namespace Platform.Escrow.Tests;

public sealed class PostgresEscrowTests(PostgresEscrowCluster fixture) : EscrowScenarios(fixture), IClassFixture<PostgresEscrowCluster>
{
    [Fact]
    public async Task A_tampered_stored_balance_is_detected_naming_the_account_and_both_totals()
    {
        for (var i = 0; i < 3; i++)
        {
            await (await ApprovedAsync($"tamper-{i}")).Release();
        }

        (await Ledger().Verify()).Balanced.ShouldBeTrue();
        await using (var dataSource = NpgsqlDataSource.Create(fixture.Database.ConnectionString))
        await using (var tamper = dataSource.CreateCommand("UPDATE ledger_balances SET debits = debits + 500 WHERE tenant_id = $1 AND account = $2"))
        {
            tamper.Parameters.Add(new NpgsqlParameter { Value = Tenant });
            tamper.Parameters.Add(new NpgsqlParameter { Value = $"platform-fee:{Tenant}" });
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var verification = await Ledger().Verify();

        verification.Balanced.ShouldBeFalse();
        var mismatch = verification.Mismatches.ShouldHaveSingleItem();
        mismatch.ShouldBe(new LedgerMismatch(new LedgerAccount(LedgerAccountKind.PlatformFee, Tenant), "eur", 3_500, 0, 3_000, 0));
        mismatch.ToString().ShouldBe($"platform-fee:{Tenant} (eur): stored debits 3500, credits 0; the journal gives debits 3000, credits 0");
        verification.UnbalancedCurrencies.ShouldBe(["eur"]);
    }

    [Fact]
    public async Task The_database_refuses_a_posting_whose_lines_do_not_balance()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ConnectionString);
        var forged = $"{Tenant}-forged";
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO ledger_postings (posting_id, tenant_id, currency, journal_position, total) VALUES ($1, $2, 'eur', 1, 100)")
        {
            Parameters = { new NpgsqlParameter { Value = forged }, new NpgsqlParameter { Value = Tenant } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO ledger_entries (posting_id, line, account, debit, credit) VALUES ($1, 1, 'escrow-holding:x', 100, 0), ($1, 2, 'client-funds:c', 0, 90)")
        {
            Parameters = { new NpgsqlParameter { Value = forged } },
        });

        (await Should.ThrowAsync<PostgresException>(() => batch.ExecuteNonQueryAsync())).MessageText
            .ShouldBe($"ledger posting {Tenant}-forged does not balance: its debits and credits must both equal its total");
    }
}
