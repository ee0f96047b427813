namespace Platform.Grains.Escrow;

/// <summary>An action was attempted in a status that does not allow it; the contract is unchanged and no money moved.</summary>
[GenerateSerializer]
[Alias("platform.escrow.IllegalEscrowTransitionException")]
public sealed class IllegalEscrowTransitionException : InvalidOperationException
{
    public IllegalEscrowTransitionException(string contractKey, EscrowStatus status, EscrowAction action, IReadOnlyList<EscrowStatus> allowedFrom)
        : base(Describe(contractKey, status, action, allowedFrom))
    {
        ContractKey = contractKey;
        Status = status;
        Action = action;
    }

    [Id(0)]
    public string ContractKey { get; }

    [Id(1)]
    public EscrowStatus Status { get; }

    [Id(2)]
    public EscrowAction Action { get; }

    private static string Describe(string contractKey, EscrowStatus status, EscrowAction action, IReadOnlyList<EscrowStatus> allowedFrom)
    {
        var state = status == EscrowStatus.None ? "it has not been created" : $"it is {status}";
        var allowed = allowedFrom.Count switch
        {
            0 => "never",
            1 => $"only from {allowedFrom[0]}",
            _ => $"only from {string.Join(", ", allowedFrom.Take(allowedFrom.Count - 1))} or {allowedFrom[^1]}",
        };
        return $"Cannot {action} escrow '{contractKey}': {state}; {action} is allowed {allowed}.";
    }
}
