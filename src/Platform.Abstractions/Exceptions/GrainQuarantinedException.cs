namespace Platform;

/// <summary>The grain type failed more often than its restart intensity allows and refuses calls until its cool-down ends.</summary>
public sealed class GrainQuarantinedException(string message, string grainType, DateTimeOffset until) : PlatformException(message)
{
    public string GrainType { get; } = grainType;

    public DateTimeOffset Until { get; } = until;
}
