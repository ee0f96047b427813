using Platform.Runtime.Membership;
using Platform.Serialization;
using Platform.Transport;

namespace Platform.Runtime.Messaging;

/// <summary>
/// The first frame on every connection: who is calling (a silo incarnation or a client) and for which cluster, so a
/// silo never serves a peer from another cluster or an incompatible protocol version.
/// </summary>
internal sealed record HelloMessage(PeerRole Role, string ClusterId, SiloAddress? Silo, string? ClientId) : IOutboundFrame
{
    public const int ProtocolVersion = 1;

    public byte Kind => FrameKind.Hello;

    public string Describe() => Role == PeerRole.Silo ? $"silo {Silo}" : $"client {ClientId}";

    public void WritePayload(System.Buffers.IBufferWriter<byte> output)
    {
        var writer = new WireWriter(output);
        writer.WriteInt32(ProtocolVersion);
        writer.WriteByte((byte)Role);
        writer.WriteString(ClusterId);
        if (Role == PeerRole.Silo)
        {
            writer.WriteSiloAddress(Silo!.Value);
        }
        else
        {
            writer.WriteString(ClientId);
        }
    }

    public static HelloMessage Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload, references: null);
        var version = reader.ReadInt32();
        if (version != ProtocolVersion)
        {
            throw new WireProtocolException($"protocol version {version} is not supported; this side speaks version {ProtocolVersion}");
        }

        var role = (PeerRole)reader.ReadByte();
        var clusterId = reader.ReadRequiredString("cluster id");
        return role switch
        {
            PeerRole.Silo => new HelloMessage(role, clusterId, reader.ReadSiloAddress(), null),
            PeerRole.Client => new HelloMessage(role, clusterId, null, reader.ReadRequiredString("client id")),
            _ => throw new WireProtocolException($"unknown peer role {(byte)role} in Hello"),
        };
    }
}
