namespace Platform.Transport;

/// <summary>A frame that wants to know when it could not be written (its payload threw or was too big) instead of being dropped silently.</summary>
public interface IFailableFrame : IOutboundFrame
{
    void OnWriteFailed(Exception failure);
}
