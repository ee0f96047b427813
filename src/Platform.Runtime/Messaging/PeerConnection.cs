using System.Collections.Concurrent;
using System.Diagnostics;
using System.Buffers.Binary;
using Platform.Invocation;
using Platform.Serialization;
using Platform.Transport;

namespace Platform.Runtime.Messaging;

/// <summary>
/// One connection to a silo or client, seen from this side: the calls in flight on it (by correlation id), probes, and
/// the translation between frames and requests. The same class serves silos and clients, in both directions.
/// </summary>
internal sealed class PeerConnection : IFrameHandler, IRemoteResponder, IInboundCancellation
{
    private readonly IMessageCenter _center;
    private readonly ConcurrentDictionary<long, Request> _pending = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<bool>> _probes = new();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _inboundCancellations = new();
    private long _nextId;
    private int _inboundInFlight;
    private long _lastInboundTimestamp;
    private readonly Action<Request, long, Exception> _onRequestWriteFailed;
    private volatile bool _closed;

    public PeerConnection(IMessageCenter center, HelloMessage? peer, string description)
    {
        _onRequestWriteFailed = OnRequestWriteFailed;
        _center = center;
        Peer = peer;
        Description = description;
    }

    /// <summary>Who is on the other side: known up front for outbound connections, from its Hello for accepted ones.</summary>
    public HelloMessage? Peer { get; private set; }

    public string Description { get; private set; }

    public Connection? Connection { get; private set; }

    public bool IsOpen => !_closed && Connection is { IsConnected: true };

    public int PendingCount => _pending.Count;

    /// <summary>Calls that arrived here and have not been answered yet: a stopping silo waits for them before it closes.</summary>
    public int InboundInFlight => Volatile.Read(ref _inboundInFlight);

    /// <summary>When the last call arrived, on the center's clock.</summary>
    public long LastInboundTimestamp => Interlocked.Read(ref _lastInboundTimestamp);

    public void Attach(Connection connection) => Connection = connection;

    public bool TrySend(IOutboundFrame frame) => !_closed && Connection is { } connection && connection.TrySend(frame);

    public void SendCall(Request request)
    {
        if (request.IsOneWay)
        {
            if (TrySend(new RequestFrame(request, 0, _center.Time, _onRequestWriteFailed)))
            {
                _center.OnOutboundCallFinished(request, null);
            }
            else
            {
                _center.OnUndeliverable(request, $"the connection to {Description} is closed");
            }

            return;
        }

        var id = Interlocked.Increment(ref _nextId);
        _pending[id] = request;
        if (request.CancellationToken.CanBeCanceled && request.Extras is Calls.RequestExtras extras)
        {
            extras.SentAs = id;
            extras.SentOn = this;
        }

        if (!TrySend(new RequestFrame(request, id, _center.Time, _onRequestWriteFailed)))
        {
            // Never queued, so certainly not run: whoever removes the entry first owns the call.
            if (_pending.TryRemove(id, out _))
            {
                _center.OnUndeliverable(request, $"the connection to {Description} is closed");
            }
        }
        else if (_closed && _pending.TryRemove(id, out _))
        {
            // Queued just as the connection closed: it may or may not have left.
            Fail(request, Unavailable(request, mayHaveRun: true));
        }
    }

    /// <summary>Sends a probe and waits for its answer; false if none came within <paramref name="timeout"/>.</summary>
    public async Task<bool> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var nonce = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _probes[nonce] = answer;
        try
        {
            if (!TrySend(new PingFrame(FrameKind.Ping, nonce)))
            {
                return false;
            }

            return await answer.Task.WaitAsync(timeout, _center.Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            _probes.TryRemove(nonce, out _);
        }
    }

    /// <summary>Tells the callee that the caller of call <paramref name="correlationId"/> cancelled it.</summary>
    public void SendCancel(long correlationId) => TrySend(new PingFrame(FrameKind.Cancel, correlationId));

    /// <summary>A token for an inbound call's CancellationToken argument, cancelled by a Cancel frame or when the connection closes.</summary>
    public CancellationToken TokenFor(long correlationId)
    {
        if (correlationId == 0 || _closed)
        {
            return default;
        }

        return _inboundCancellations.GetOrAdd(correlationId, static _ => new CancellationTokenSource()).Token;
    }

    /// <summary>Asks the peer to give up its activation of <paramref name="grainId"/>; false if no answer came within <paramref name="timeout"/>.</summary>
    public async Task<bool> HandoffAsync(GrainId grainId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var nonce = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _probes[nonce] = answer;
        try
        {
            return TrySend(new HandoffFrame(nonce, grainId)) && await answer.Task.WaitAsync(timeout, _center.Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            _probes.TryRemove(nonce, out _);
        }
    }

    /// <summary>Fails the calls on this connection whose deadline has passed; returns how many.</summary>
    public int SweepDeadlines(long now)
    {
        var expired = 0;
        foreach (var (id, request) in _pending)
        {
            if (request.DeadlineTimestamp <= now && _pending.TryRemove(id, out _))
            {
                var timeout = _center.Time.GetElapsedTime(request.StartTimestamp, request.DeadlineTimestamp);
                Fail(request, new GrainCallTimeoutException(
                    $"Call {request.InterfaceName}.{request.MethodName} to {request.Target} timed out after {timeout.TotalSeconds:0.###} s: no response from {Description}."));
                expired++;
            }
        }

        return expired;
    }

    public void OnFrame(Connection connection, byte kind, ReadOnlySpan<byte> payload)
    {
        if (Peer is null)
        {
            AcceptHello(kind, payload);
            return;
        }

        switch (kind)
        {
            case FrameKind.Request:
                OnRequest(payload);
                break;
            case FrameKind.Response:
                OnResponse(payload);
                break;
            case FrameKind.Ping:
                TrySend(new PingFrame(FrameKind.Pong, ReadNonce(payload)));
                break;
            case FrameKind.Pong:
            case FrameKind.HandoffDone:
                if (_probes.TryGetValue(ReadNonce(payload), out var answer))
                {
                    answer.TrySetResult(true);
                }

                break;
            case FrameKind.Handoff:
                OnHandoff(payload);
                break;
            case FrameKind.Cancel:
                if (_inboundCancellations.TryRemove(ReadNonce(payload), out var cancellation))
                {
                    cancellation.Cancel();
                    cancellation.Dispose();
                }

                break;
            case FrameKind.ClusterView:
                _center.OnClusterView(this, payload);
                break;
            default:
                throw new WireProtocolException($"unexpected frame kind {kind} from {Description}");
        }
    }

    public void OnClosed(Connection connection, Exception? reason)
    {
        _closed = true;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var request))
            {
                Fail(request, Unavailable(request, mayHaveRun: true, reason));
            }
        }

        foreach (var probe in _probes.Values)
        {
            probe.TrySetResult(false);
        }

        // Nobody is left to receive the results: let calls that can be cancelled stop.
        foreach (var id in _inboundCancellations.Keys)
        {
            if (_inboundCancellations.TryRemove(id, out var cancellation))
            {
                cancellation.Cancel();
                cancellation.Dispose();
            }
        }

        _center.OnPeerClosed(this, reason);
    }

    void IRemoteResponder.OnCompleted(Request request)
    {
        TrySend(new ResponseFrame(request, TrySend));
        Interlocked.Decrement(ref _inboundInFlight);
        if (!_inboundCancellations.IsEmpty && _inboundCancellations.TryRemove(request.InboundCorrelationId, out var cancellation))
        {
            cancellation.Dispose();
        }
    }

    private void OnHandoff(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload, references: null);
        var nonce = reader.ReadInt64();
        var grainId = reader.ReadGrainId();
        _ = AnswerHandoffAsync(nonce, grainId);
    }

    private async Task AnswerHandoffAsync(long nonce, GrainId grainId)
    {
        await _center.OnHandoffRequestedAsync(grainId);
        TrySend(new PingFrame(FrameKind.HandoffDone, nonce));
    }

    private void AcceptHello(byte kind, ReadOnlySpan<byte> payload)
    {
        if (kind != FrameKind.Hello)
        {
            throw new WireProtocolException($"expected a Hello frame first, got {FrameKind.Name(kind)}");
        }

        var hello = HelloMessage.Read(payload);
        _center.OnPeerHello(this, hello);
        Description = hello.Describe();
        Peer = hello;
    }

    private void OnRequest(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload, _center.References);
        var correlationId = reader.ReadInt64();
        var flags = reader.ReadByte();
        var traceParent = (flags & RequestFrame.TraceContextFlag) != 0 ? ReadTraceContext(ref reader) : default;
        var remainingMilliseconds = reader.ReadInt32();
        var hops = reader.ReadByte();
        var target = reader.ReadGrainId();
        var methodId = reader.ReadUInt32();
        var oneWay = (flags & RequestFrame.OneWayFlag) != 0;
        if (remainingMilliseconds <= 0)
        {
            throw new WireProtocolException($"request {correlationId} has a non-positive time budget of {remainingMilliseconds} ms");
        }

        if (!oneWay)
        {
            reader.BindCancellation(this, correlationId);
        }

        Request request;
        try
        {
            var read = _center.FindRequestReader(methodId)
                ?? throw new UnknownGrainTypeException(
                    $"Method id 0x{methodId:X8} (called on {target}) is not declared by any interface this side knows; are both sides built from the same grain interfaces?");
            request = read(ref reader);
            if (reader.Remaining != 0)
            {
                throw new WireFormatException($"{reader.Remaining} bytes left over after the arguments of {request.InterfaceName}.{request.MethodName}");
            }
        }
        catch (Exception exception) when (exception is PlatformException)
        {
            if (!oneWay)
            {
                TrySend(new FaultFrame(correlationId, exception));
                if (_inboundCancellations.TryRemove(correlationId, out var unused))
                {
                    unused.Dispose();
                }
            }

            return;
        }

        var time = _center.Time;
        var now = time.GetTimestamp();
        request.Target = target;
        request.Hops = hops;
        request.StartTimestamp = now;
        request.DeadlineTimestamp = now + (long)(remainingMilliseconds / 1000.0 * time.TimestampFrequency);
        Interlocked.Exchange(ref _lastInboundTimestamp, now);
        if (traceParent != default)
        {
            request.Extras = new Calls.RequestExtras { RemoteParent = traceParent };
        }

        if (!oneWay)
        {
            request.InboundCorrelationId = correlationId;
            request.Responder = this;
            Interlocked.Increment(ref _inboundInFlight);
        }

        _center.OnInboundCall(this, request);
    }

    private void OnResponse(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload, _center.References);
        var correlationId = reader.ReadInt64();
        if (!_pending.TryRemove(correlationId, out var request))
        {
            // Timed out here already, or an answer to a call this side never made: nothing waits for it.
            return;
        }

        Exception? failure = null;
        try
        {
            var status = reader.ReadByte();
            switch (status)
            {
                case ResponseFrame.Success:
                    request.CompleteFromWire(ref reader);
                    break;
                case ResponseFrame.Fault:
                    failure = ExceptionCodec.Read(ref reader);
                    request.TryFailCaller(failure);
                    break;
                default:
                    throw new WireFormatException($"unknown response status {status}");
            }
        }
        catch (WireFormatException exception)
        {
            failure = exception;
            request.TryFailCaller(exception);
        }

        _center.OnOutboundCallFinished(request, failure);
    }

    /// <summary>An argument could not be serialized: fail that call with the reason; the connection and other calls go on.</summary>
    private void OnRequestWriteFailed(Request request, long correlationId, Exception failure)
    {
        if (correlationId != 0 && !_pending.TryRemove(correlationId, out _))
        {
            return;
        }

        Fail(request, new WireFormatException(
            $"The arguments of {request.InterfaceName}.{request.MethodName} to {request.Target} could not be serialized: {failure.GetType().Name}: {failure.Message}"));
    }

    private void Fail(Request request, Exception failure)
    {
        request.TryFailCaller(failure);
        _center.OnOutboundCallFinished(request, failure);
    }

    private SiloUnavailableException Unavailable(Request request, bool mayHaveRun, Exception? reason = null) => new(
        $"Call {request.InterfaceName}.{request.MethodName} to {request.Target} failed: the connection to {Description} "
        + (mayHaveRun ? "closed before the response came" : "is closed")
        + (reason is null ? "." : $" ({reason.Message})."),
        mayHaveRun);

    private static ActivityContext ReadTraceContext(ref WireReader reader)
    {
        var traceId = ActivityTraceId.CreateFromBytes(reader.ReadRaw(16));
        var spanId = ActivitySpanId.CreateFromBytes(reader.ReadRaw(8));
        return new ActivityContext(traceId, spanId, (ActivityTraceFlags)reader.ReadByte(), isRemote: true);
    }

    private static long ReadNonce(ReadOnlySpan<byte> payload) =>
        payload.Length == 8
            ? BinaryPrimitives.ReadInt64LittleEndian(payload)
            : throw new WireProtocolException($"a probe frame carries 8 bytes, this one {payload.Length}");
}
