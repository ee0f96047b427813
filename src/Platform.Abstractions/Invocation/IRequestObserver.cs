namespace Platform.Invocation;

/// <summary>Told by a request when the grain method it invoked has finished, before the caller is completed.</summary>
internal interface IRequestObserver
{
    void OnRequestFinished(Request request, Exception? failure);
}
