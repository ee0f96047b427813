namespace Platform.Streams.Hosting;

/// <summary>
/// The streams configuration section is incomplete or wrong; <see cref="Errors"/> lists every problem, each naming the
/// key (its full configuration path) and what is wrong with it. Thrown while the silo is configured, before it starts.
/// </summary>
public sealed class StreamsConfigurationException : Exception
{
    public StreamsConfigurationException(IReadOnlyList<string> errors)
        : base($"The streams configuration is invalid:{Environment.NewLine}- {string.Join($"{Environment.NewLine}- ", errors)}")
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
