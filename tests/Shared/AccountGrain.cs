using System.Text.Json.Serialization;
using Platform.EventSourcing;

namespace Platform.Tests.Shared;

/// <summary>A journaled test grain: an account whose balance is the fold of its deposits and withdrawals.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <returns>False when <paramref name="operationId"/> had been used: the deposit was made before.</returns>
    Task<bool> Deposit(decimal amount, string? operationId);

    Task Withdraw(decimal amount);

    [ReadOnly]
    Task<AccountView> Get();

    [ReadOnly]
    Task<IReadOnlyList<JournaledEvent<AccountEvent>>> GetHistory();

    Task Deactivate();
}

[JsonDerivedType(typeof(Deposited), "account.deposited")]
[JsonDerivedType(typeof(Withdrawn), "account.withdrawn")]
public abstract record AccountEvent;

public sealed record Deposited(decimal Amount) : AccountEvent;

public sealed record Withdrawn(decimal Amount) : AccountEvent;

public sealed record AccountState
{
    public decimal Balance { get; init; }
}

public sealed record AccountView(decimal Balance, long Version);

internal sealed class AccountGrain : JournaledGrain<AccountState, AccountEvent>, IAccountGrain
{
    protected override int SnapshotInterval => 3;

    public Task<bool> Deposit(decimal amount, string? operationId)
    {
        RaiseEvent(new Deposited(amount));
        return ConfirmEventsAsync(operationId);
    }

    public async Task Withdraw(decimal amount)
    {
        if (amount > State.Balance)
        {
            throw new InvalidOperationException($"Cannot withdraw {amount}: the balance is {State.Balance}.");
        }

        RaiseEvent(new Withdrawn(amount));
        await ConfirmEventsAsync();
    }

    public Task<AccountView> Get() => Task.FromResult(new AccountView(State.Balance, Version));

    public Task<IReadOnlyList<JournaledEvent<AccountEvent>>> GetHistory() => ReadEventsAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    protected override AccountState Apply(AccountState state, AccountEvent @event) => @event switch
    {
        Deposited deposited => state with { Balance = state.Balance + deposited.Amount },
        Withdrawn withdrawn => state with { Balance = state.Balance - withdrawn.Amount },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "unknown account event"),
    };
}
