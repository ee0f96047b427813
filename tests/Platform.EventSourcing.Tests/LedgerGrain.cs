using Platform.EventSourcing;

namespace Platform.EventSourcing.Tests;

/// <summary>A journaled grain whose journal no silo registers.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    Task<int> GetVersion();
}

internal sealed class LedgerGrain : JournaledGrainBase<AccountState, AccountEvent>, ILedgerGrain
{
    protected override string JournalName => "Ledger";

    public Task<int> GetVersion() => Task.FromResult(Version);
}
