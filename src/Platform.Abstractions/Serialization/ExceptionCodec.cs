using System.Globalization;
using Platform.EventSourcing;

namespace Platform.Serialization;

/// <summary>
/// Carries a failure across the wire. The runtime's own exceptions and the common BCL argument and state exceptions are
/// recreated with their type, so callers can catch them as if the call were local; anything else arrives as a
/// <see cref="RemoteGrainException"/> naming the original type. A few carry details besides their message (the call chain
/// of a deadlock; stream and versions of a journal conflict).
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
        IReadOnlyList<string> details = exception switch
        {
            DeadlockException deadlock => deadlock.CallChain,
            JournalConcurrencyException conflict => [conflict.StreamId, Format(conflict.ExpectedVersion), Format(conflict.ActualVersion)],
            _ => [],
        };
        writer.WriteInt32(details.Count);
        foreach (var detail in details)
        {
            writer.WriteString(detail);
        }
    }

    public static Exception Read(ref WireReader reader)
    {
        var type = reader.ReadRequiredString("exception type");
        var message = reader.ReadString() ?? string.Empty;
        var stackTrace = reader.ReadString();
        var count = reader.ReadInt32();
        if (count < 0 || count > reader.Remaining)
        {
            throw new WireFormatException($"exception details of {count} entries cannot fit in the {reader.Remaining} bytes left");
        }

        var details = new string[count];
        for (var i = 0; i < count; i++)
        {
            details[i] = reader.ReadString() ?? string.Empty;
        }

        if (type == typeof(DeadlockException).FullName)
        {
            return new DeadlockException(message, details);
        }

        if (type == typeof(JournalConcurrencyException).FullName && details.Length == 3
            && TryParse(details[1], out var expected) && TryParse(details[2], out var actual))
        {
            return new JournalConcurrencyException(details[0], expected, actual);
        }

        return Known.TryGetValue(type, out var create) ? create(message) : new RemoteGrainException(type, message, stackTrace);
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
