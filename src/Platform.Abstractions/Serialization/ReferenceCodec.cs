using Platform.Invocation;

namespace Platform.Serialization;

/// <summary>
/// Sends a grain or observer reference as its grain id; the receiver binds a new proxy to its own runtime, so a
/// reference passed to another silo or a client calls back through that side's transport.
/// </summary>
internal sealed class ReferenceCodec<TInterface> : IWireCodec<TInterface>
    where TInterface : class
{
    public void Write(WireWriter writer, TInterface value)
    {
        if (value is null)
        {
            writer.WriteBoolean(false);
            return;
        }

        if (value is not GrainReference reference)
        {
            throw new ArgumentException(
                $"A {typeof(TInterface).Name} argument must be a grain reference; wrap a local observer with CreateObjectReference first.");
        }

        writer.WriteBoolean(true);
        writer.WriteGrainId(reference.GrainId);
    }

    public TInterface Read(ref WireReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null!;
        }

        var grainId = reader.ReadGrainId();
        var references = reader.References
            ?? throw new WireFormatException($"a {typeof(TInterface).Name} reference arrived where no runtime can bind references");
        return references.GetReference<TInterface>(grainId);
    }
}
