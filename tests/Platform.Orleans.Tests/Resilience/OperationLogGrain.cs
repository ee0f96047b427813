namespace Platform.Orleans.Tests.Resilience;

internal sealed class OperationLogGrain : Grain, IOperationLogGrain
{
    private readonly Dictionary<Guid, int> _executions = [];

    public Task<int> Append(Guid operationId) => Task.FromResult(Record(operationId));

    public Task<int> Put(Guid operationId) => Task.FromResult(Record(operationId));

    public Task Fail(Guid operationId)
    {
        Record(operationId);
        throw new InvalidOperationException($"operation {operationId} failed in the grain");
    }

    public Task<int> Executions(Guid operationId) => Task.FromResult(_executions.GetValueOrDefault(operationId));

    private int Record(Guid operationId) => _executions[operationId] = _executions.GetValueOrDefault(operationId) + 1;
}
