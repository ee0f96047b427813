namespace Platform.Invocation;

/// <summary>Sends the response of a call that arrived over the wire, once the call has completed.</summary>
internal interface IRemoteResponder
{
    void OnCompleted(Request request);
}
