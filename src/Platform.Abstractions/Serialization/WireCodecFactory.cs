namespace Platform.Serialization;

internal static class WireCodecFactory
{
    public static IWireCodec<T> Create<T>()
    {
        var type = typeof(T);
        if (PrimitiveCodecs.TryGet(type) is { } primitive)
        {
            return (IWireCodec<T>)primitive;
        }

        if (type.IsEnum)
        {
            return (IWireCodec<T>)Activator.CreateInstance(typeof(EnumCodec<>).MakeGenericType(type))!;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return (IWireCodec<T>)Activator.CreateInstance(typeof(NullableCodec<>).MakeGenericType(underlying))!;
        }

        if (type.IsInterface && typeof(IAddressable).IsAssignableFrom(type))
        {
            return (IWireCodec<T>)Activator.CreateInstance(typeof(ReferenceCodec<>).MakeGenericType(type))!;
        }

        return new JsonCodec<T>();
    }
}
