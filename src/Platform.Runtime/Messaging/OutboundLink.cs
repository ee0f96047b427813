using Platform.Invocation;
using Platform.Transport;

namespace Platform.Runtime.Messaging;

/// <summary>
/// The connection this side keeps to one silo: connects on first use, queues calls while connecting, and after a failed
/// attempt fails calls at once (naming the cause) until the backoff delay has passed, rather than stalling each caller.
/// </summary>
/// <param name="onUnreachable">Told after each failed connection attempt, so a silo can re-read the membership at once.</param>
internal sealed class OutboundLink(string description, Func<CancellationToken, Task<PeerConnection>> connect, IMessageCenter center, Action? onUnreachable = null)
{
    private readonly Lock _lock = new();
    private readonly ExponentialBackoff _backoff = new();
    private readonly CancellationTokenSource _disposed = new();
    private List<Request>? _queued;
    private Task<PeerConnection?>? _connecting;
    private PeerConnection? _peer;
    private long _retryAfter;
    private string? _lastError;

    private TimeProvider Time => center.Time;

    public string Description => description;

    public PeerConnection? Peer => _peer is { IsOpen: true } peer ? peer : null;

    public void Send(Request request)
    {
        if (Peer is { } peer)
        {
            peer.SendCall(request);
            return;
        }

        string? refusal = null;
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested)
            {
                refusal = $"the link to {description} is closed";
            }
            else if (_connecting is null && Time.GetTimestamp() < _retryAfter)
            {
                refusal = $"{description} is unreachable ({_lastError}); retrying shortly";
            }
            else
            {
                (_queued ??= []).Add(request);
                _connecting ??= ConnectAsync();
            }
        }

        if (refusal is not null)
        {
            Fail(request, refusal);
        }
    }

    /// <summary>The open connection, connecting first if needed; null if that failed.</summary>
    public Task<PeerConnection?> ConnectedAsync()
    {
        if (Peer is { } peer)
        {
            return Task.FromResult<PeerConnection?>(peer);
        }

        lock (_lock)
        {
            return _connecting ??= ConnectAsync();
        }
    }

    public void Close()
    {
        _disposed.Cancel();
        _peer?.Connection?.Close();
    }

    private async Task<PeerConnection?> ConnectAsync()
    {
        await Task.Yield();
        PeerConnection? peer = null;
        Exception? failure = null;
        try
        {
            peer = await connect(_disposed.Token);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        List<Request>? queued;
        lock (_lock)
        {
            queued = _queued;
            _queued = null;
            _connecting = null;
            if (peer is not null)
            {
                _peer = peer;
                _backoff.Reset();
            }
            else
            {
                _lastError = failure?.Message ?? "connection failed";
                _retryAfter = Time.GetTimestamp() + (long)(_backoff.Next().TotalSeconds * Time.TimestampFrequency);
            }
        }

        if (peer is null)
        {
            onUnreachable?.Invoke();
        }

        foreach (var request in queued ?? [])
        {
            if (peer is not null)
            {
                peer.SendCall(request);
            }
            else
            {
                Fail(request, $"could not connect to {description} ({_lastError})");
            }
        }

        return peer;
    }

    private void Fail(Request request, string reason) => center.OnUndeliverable(request, reason);
}
