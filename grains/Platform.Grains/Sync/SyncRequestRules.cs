using System.Text;

namespace Platform.Grains.Sync;

/// <summary>
/// Checks a sync request whole before any of it is applied, so a malformed batch changes nothing. Every message names
/// the field, the mutation (position and transaction hash) and the value refused.
/// </summary>
internal static class SyncRequestRules
{
    public const int MaxDeviceIdLength = 128;

    public const int MaxTransactionHashLength = 128;

    public const int MaxEntityLength = 64;

    public const int MaxKeyLength = 256;

    /// <summary>A clock names the devices of one user; more than this is a client bug, not a household.</summary>
    public const int MaxClockDevices = 64;

    /// <param name="lastSequence">The server's latest sequence: a cursor beyond it was not issued by this server.</param>
    /// <exception cref="ArgumentException">Something in the request is malformed.</exception>
    public static void Check(SyncRequest request, long lastSequence)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckDeviceId(request.DeviceId, "Sync device id");
        CheckCursor(request.Cursor, lastSequence);
        if (request.Mutations is null)
        {
            throw new ArgumentException("Sync mutations must not be null; send an empty list when there are none.", nameof(request));
        }

        if (request.Mutations.Count > SyncRequest.MaxMutations)
        {
            throw new ArgumentException(
                $"A sync batch holds at most {SyncRequest.MaxMutations} mutations; this one holds {request.Mutations.Count}.", nameof(request));
        }

        for (var i = 0; i < request.Mutations.Count; i++)
        {
            CheckMutation(request.Mutations[i], i + 1, request.DeviceId);
        }
    }

    /// <exception cref="ArgumentException">The cursor is negative or ahead of <paramref name="lastSequence"/>.</exception>
    public static void CheckCursor(long cursor, long lastSequence)
    {
        if (cursor < 0)
        {
            throw new ArgumentException($"Sync cursor must be 0 or greater; it is {cursor}.", nameof(cursor));
        }

        if (cursor > lastSequence)
        {
            throw new ArgumentException(
                $"Sync cursor {cursor} is ahead of the server, whose latest change is {lastSequence}; sync again from cursor 0.", nameof(cursor));
        }
    }

    private static void CheckMutation(ClientMutation? mutation, int position, string batchDevice)
    {
        if (mutation is null)
        {
            throw new ArgumentException($"Mutation #{position} is null.", "request");
        }

        if (string.IsNullOrWhiteSpace(mutation.TransactionHash))
        {
            throw new ArgumentException($"Mutation #{position} has no transaction hash.", "request");
        }

        var which = $"Mutation #{position} (transaction '{mutation.TransactionHash}')";
        if (mutation.TransactionHash.Length > MaxTransactionHashLength)
        {
            throw new ArgumentException(
                $"Mutation #{position} transaction hash is {mutation.TransactionHash.Length} characters long; at most {MaxTransactionHashLength} are allowed.",
                "request");
        }

        CheckDeviceId(mutation.DeviceId, $"{which} device id");
        if (!string.Equals(mutation.DeviceId, batchDevice, StringComparison.Ordinal))
        {
            // The device id breaks ties between concurrent writes: a device may not write in another's name.
            throw new ArgumentException(
                $"{which} comes from device '{mutation.DeviceId}' but the batch from device '{batchDevice}'; a device sends only its own mutations.",
                "request");
        }

        CheckName(mutation.Entity, $"{which} entity", MaxEntityLength);
        CheckName(mutation.Key, $"{which} key", MaxKeyLength);
        if (mutation.Value is { } value && Encoding.UTF8.GetByteCount(value) is var bytes && bytes > ClientMutation.MaxValueBytes)
        {
            throw new ArgumentException(
                $"{which} value is {bytes} bytes long in UTF-8; at most {ClientMutation.MaxValueBytes} are allowed.", "request");
        }

        CheckClock(mutation.VectorClock, mutation.DeviceId, which);
    }

    private static void CheckClock(IReadOnlyDictionary<string, long>? clock, string device, string which)
    {
        if (clock is null || clock.Count == 0)
        {
            throw new ArgumentException($"{which} has no vector clock; it must count at least its own device '{device}'.", "request");
        }

        if (clock.Count > MaxClockDevices)
        {
            throw new ArgumentException($"{which} vector clock names {clock.Count} devices; at most {MaxClockDevices} are allowed.", "request");
        }

        foreach (var (clockDevice, counter) in clock)
        {
            CheckDeviceId(clockDevice, $"{which} vector clock device id");
            if (counter < 0)
            {
                throw new ArgumentException(
                    $"{which} vector clock counts device '{clockDevice}' at {counter}; counters must be 0 or greater.", "request");
            }
        }

        // A device counts each of its writes: a write its own counter does not count would be dominated by the device's
        // previous write, or equal to it.
        var own = clock.GetValueOrDefault(device);
        if (own < 1)
        {
            throw new ArgumentException($"{which} vector clock must count its own device '{device}' at 1 or more; it counts {own}.", "request");
        }
    }

    private static void CheckDeviceId(string? deviceId, string field)
    {
        if (string.IsNullOrWhiteSpace(deviceId))
        {
            throw new ArgumentException($"{field} must not be empty.", "request");
        }

        if (deviceId.Length > MaxDeviceIdLength)
        {
            throw new ArgumentException($"{field} '{deviceId}' is {deviceId.Length} characters long; at most {MaxDeviceIdLength} are allowed.", "request");
        }
    }

    private static void CheckName(string? name, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"{field} must not be empty.", "request");
        }

        if (name.Length > maxLength)
        {
            throw new ArgumentException($"{field} is {name.Length} characters long; at most {maxLength} are allowed.", "request");
        }
    }
}
