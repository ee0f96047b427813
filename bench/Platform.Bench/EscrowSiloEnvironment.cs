namespace Platform.Bench;

/// <summary>Sets environment variables for the silo processes this process starts, and restores the old values on dispose.</summary>
internal sealed class EscrowSiloEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    public EscrowSiloEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
