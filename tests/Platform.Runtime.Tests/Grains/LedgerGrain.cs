using Platform.EventSourcing;
using Platform.Tests.Shared;

namespace Platform.Runtime.Tests.Grains;

public interface ILedgerGrain : IGrainWithStringKey
{
    Task<long> GetVersion();
}

/// <summary>A journaled grain whose journal ("Ledger") a test silo does not register.</summary>
internal sealed class LedgerGrain : JournaledGrain<AccountState, AccountEvent>, ILedgerGrain
{
    protected override string JournalName => "Ledger";

    public Task<long> GetVersion() => Task.FromResult(Version);

    protected override AccountState Apply(AccountState state, AccountEvent @event) => state;
}
