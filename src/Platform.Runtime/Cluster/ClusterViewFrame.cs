using System.Buffers;
using Platform.Runtime.Membership;
using Platform.Runtime.Messaging;
using Platform.Serialization;
using Platform.Transport;

namespace Platform.Runtime.Cluster;

/// <summary>The active silos, sent to clients on connect and on every change so that they route calls straight to owners.</summary>
internal sealed class ClusterViewFrame(ClusterView view) : IOutboundFrame
{
    public byte Kind => FrameKind.ClusterView;

    public void WritePayload(IBufferWriter<byte> output)
    {
        var writer = new WireWriter(output);
        writer.WriteInt64(view.Version);
        writer.WriteInt32(view.ActiveSilos.Count);
        foreach (var member in view.ActiveSilos)
        {
            writer.WriteSiloAddress(member.Silo);
            writer.WriteString(member.Zone);
        }
    }

    public static (long Version, IReadOnlyList<MembershipEntry> Silos) Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload, references: null);
        var version = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count < 0 || count > reader.Remaining)
        {
            throw new WireProtocolException($"cluster view claims {count} silos in a payload of {payload.Length} bytes");
        }

        var silos = new List<MembershipEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var silo = reader.ReadSiloAddress();
            var zone = reader.ReadRequiredString("zone");
            silos.Add(new MembershipEntry(silo, zone, SiloStatus.Active, default, default, []));
        }

        return (version, silos);
    }
}
