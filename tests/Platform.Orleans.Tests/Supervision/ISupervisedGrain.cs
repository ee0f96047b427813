namespace Platform.Orleans.Tests.Supervision;

public interface ISupervisedGrain : IGrainWithStringKey
{
    Task<Guid> GetActivationId();

    Task<int> GetSaved();

    Task<int> GetUnsaved();

    Task Save(int value);

    Task SetUnsaved(int value);

    /// <summary>Throws the exception named by <paramref name="kind"/>: business, argument, restart, stop, escalate.</summary>
    Task Fail(string kind);
}
