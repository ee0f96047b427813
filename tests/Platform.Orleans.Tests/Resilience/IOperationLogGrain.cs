using Orleans.Concurrency;
using Platform.Orleans.Resilience;

namespace Platform.Orleans.Tests.Resilience;

/// <summary>Counts how often each operation id ran, so a test sees whether a retried call ran once or twice.</summary>
public interface IOperationLogGrain : IGrainWithStringKey
{
    Task<int> Append(Guid operationId);

    [Idempotent]
    Task<int> Put(Guid operationId);

    Task Fail(Guid operationId);

    [ReadOnly]
    Task<int> Executions(Guid operationId);
}
