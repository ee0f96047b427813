namespace Platform;

/// <summary>A state write or clear carried an ETag that no longer matches the stored record: another copy wrote first.</summary>
public sealed class InconsistentStateException(string message, string? expectedEtag, string? storedEtag) : PlatformException(message)
{
    public string? ExpectedEtag { get; } = expectedEtag;

    public string? StoredEtag { get; } = storedEtag;
}
