namespace Platform.Serialization;

/// <summary>
/// Carries a failure across the wire. The runtime's own exceptions and the common BCL argument and state exceptions are
/// recreated with their type, so callers can catch them as if the call were local; anything else arrives as a
/// <see cref="RemoteGrainException"/> naming the original type.
/// </summary>
internal static class ExceptionCodec
{
    private static readonly Dictionary<string, Func<string, Exception>> Known = new(StringComparer.Ordinal)
    {
        [typeof(ArgumentException).FullName!] = message => new ArgumentException(message),
        [typeof(ArgumentNullException).FullName!] = message => new ArgumentException(message),
        [typeof(ArgumentOutOfRangeException).FullName!] = message => new ArgumentOutOfRangeException(null, message),
        [typeof(InvalidOperationException).FullName!] = message => new InvalidOperationException(message),
        [typeof(KeyNotFoundException).FullName!] = message => new KeyNotFoundException(message),
        [typeof(NotSupportedException).FullName!] = message => new NotSupportedException(message),
        [typeof(OperationCanceledException).FullName!] = message => new OperationCanceledException(message),
        [typeof(TaskCanceledException).FullName!] = message => new OperationCanceledException(message),
        [typeof(GrainCallTimeoutException).FullName!] = message => new GrainCallTimeoutException(message),
        [typeof(InconsistentStateException).FullName!] = message => new InconsistentStateException(message, null, null),
        [typeof(GrainQuarantinedException).FullName!] = message => new PlatformException(message),
        [typeof(MailboxFullException).FullName!] = message => new MailboxFullException(message),
        [typeof(GrainStoppedException).FullName!] = message => new GrainStoppedException(message, null),
        [typeof(UnknownGrainTypeException).FullName!] = message => new UnknownGrainTypeException(message),
        [typeof(SiloUnavailableException).FullName!] = message => new SiloUnavailableException(message, mayHaveRun: true),
        [typeof(WireFormatException).FullName!] = message => new WireFormatException(message),
        [typeof(PlatformException).FullName!] = message => new PlatformException(message),
    };

    public static void Write(WireWriter writer, Exception exception)
    {
        var type = exception is RemoteGrainException remote ? remote.RemoteType : exception.GetType().FullName ?? exception.GetType().Name;
        writer.WriteString(type);
        writer.WriteString(exception.Message);
        writer.WriteString(exception.StackTrace);
        var chain = exception is DeadlockException deadlock ? deadlock.CallChain : [];
        writer.WriteInt32(chain.Count);
        foreach (var hop in chain)
        {
            writer.WriteString(hop);
        }
    }

    public static Exception Read(ref WireReader reader)
    {
        var type = reader.ReadRequiredString("exception type");
        var message = reader.ReadString() ?? string.Empty;
        var stackTrace = reader.ReadString();
        var hops = reader.ReadInt32();
        if (hops < 0 || hops > reader.Remaining)
        {
            throw new WireFormatException($"call chain of {hops} entries cannot fit in the {reader.Remaining} bytes left");
        }

        var chain = new string[hops];
        for (var i = 0; i < hops; i++)
        {
            chain[i] = reader.ReadString() ?? string.Empty;
        }

        if (type == typeof(DeadlockException).FullName)
        {
            return new DeadlockException(message, chain);
        }

        return Known.TryGetValue(type, out var create) ? create(message) : new RemoteGrainException(type, message, stackTrace);
    }
}
