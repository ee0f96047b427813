using Platform.Invocation;

namespace Platform;

/// <summary>Key accessors on grain references, as Orleans offers them.</summary>
public static class GrainReferenceExtensions
{
    public static GrainId GetGrainId(this IAddressable grain) => AsReference(grain).GrainId;

    public static string GetPrimaryKeyString(this IGrainWithStringKey grain) => AsReference(grain).GrainId.Key;

    public static Guid GetPrimaryKey(this IGrainWithGuidKey grain) => AsReference(grain).GrainId.GetGuidKey();

    public static long GetPrimaryKeyLong(this IGrainWithIntegerKey grain) => AsReference(grain).GrainId.GetIntegerKey();

    private static GrainReference AsReference(IAddressable grain) =>
        grain as GrainReference
        ?? throw new ArgumentException(
            $"{grain.GetType().Name} is not a grain reference; pass a reference from IGrainFactory, not a grain instance.", nameof(grain));
}
