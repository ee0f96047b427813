namespace Platform.Serialization;

/// <summary>Gives a call that arrived over the wire a token its caller can cancel from the other side.</summary>
public interface IInboundCancellation
{
    CancellationToken TokenFor(long correlationId);
}
