namespace Platform.Serialization;

/// <summary>
/// The codec of <typeparamref name="T"/>, chosen once per type on first use: built-in binary codecs for primitives,
/// enums, nullables and grain references, System.Text.Json for everything else.
/// </summary>
public static class WireCodec<T>
{
    public static IWireCodec<T> Instance { get; } = WireCodecFactory.Create<T>();
}
