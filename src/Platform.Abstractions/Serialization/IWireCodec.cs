namespace Platform.Serialization;

/// <summary>Writes and reads values of one type in the wire format.</summary>
public interface IWireCodec<T>
{
    void Write(WireWriter writer, T value);

    T Read(ref WireReader reader);
}
