using Platform.Runtime.Membership;
using Platform.Serialization;

namespace Platform.Runtime.Messaging;

internal static class SiloAddressWire
{
    public static void WriteSiloAddress(this WireWriter writer, SiloAddress silo)
    {
        writer.WriteString(silo.Host);
        writer.WriteInt32(silo.Port);
        writer.WriteInt64(silo.Generation);
    }

    public static SiloAddress ReadSiloAddress(this ref WireReader reader)
    {
        var host = reader.ReadRequiredString("silo host");
        var port = reader.ReadInt32();
        if (port is < 1 or > 65535)
        {
            throw new WireFormatException($"silo port {port} is out of range 1-65535");
        }

        return new SiloAddress(host, port, reader.ReadInt64());
    }
}
