using System.Text.Json.Serialization;
using Orleans.Concurrency;
using Platform.EventSourcing;

namespace Platform.Tests.Shared;

/// <summary>A journaled test grain: an account whose balance is the fold of its deposits and withdrawals.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <returns>False when <paramref name="operationId"/> had been used: the deposit was made before.</returns>
    Task<bool> Deposit(decimal amount, string? operationId);

    /// <returns>False when another writer changed the account first: the grain has re-read it, the caller decides again.</returns>
    Task<bool> Withdraw(decimal amount);

    [ReadOnly]
    Task<AccountView> Get();

    [ReadOnly]
    Task<IReadOnlyList<JournaledEvent<AccountEvent>>> GetHistory();

    Task Deactivate();
}

[GenerateSerializer]
[JsonDerivedType(typeof(Deposited), "account.deposited")]
[JsonDerivedType(typeof(Withdrawn), "account.withdrawn")]
public abstract record AccountEvent;

[GenerateSerializer]
public sealed record Deposited([property: Id(0)] decimal Amount) : AccountEvent;

[GenerateSerializer]
public sealed record Withdrawn([property: Id(0)] decimal Amount) : AccountEvent;

/// <summary>The folded state: copied by Orleans, and stored as JSON in snapshots.</summary>
[GenerateSerializer]
public sealed class AccountState
{
    [Id(0)]
    public decimal Balance { get; set; }
}

[GenerateSerializer]
public sealed record AccountView([property: Id(0)] decimal Balance, [property: Id(1)] long Version);

internal sealed class AccountGrain : JournaledGrainBase<AccountState, AccountEvent>, IAccountGrain
{
    protected override int SnapshotInterval => 3;

    public async Task<bool> Deposit(decimal amount, string? operationId)
    {
        if (operationId is not null)
        {
            return await RaiseEventsOnceAsync(operationId, [new Deposited(amount)]);
        }

        RaiseEvent(new Deposited(amount));
        await ConfirmEvents();
        return true;
    }

    public Task<bool> Withdraw(decimal amount) => amount > State.Balance
        ? throw new InvalidOperationException($"Cannot withdraw {amount}: the balance is {State.Balance}.")
        : RaiseConditionalEvent(new Withdrawn(amount));

    public Task<AccountView> Get() => Task.FromResult(new AccountView(State.Balance, Version));

    public Task<IReadOnlyList<JournaledEvent<AccountEvent>>> GetHistory() => ReadJournalAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    protected override void TransitionState(AccountState state, AccountEvent @event) => state.Balance += @event switch
    {
        Deposited deposited => deposited.Amount,
        Withdrawn withdrawn => -withdrawn.Amount,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "unknown account event"),
    };
}
