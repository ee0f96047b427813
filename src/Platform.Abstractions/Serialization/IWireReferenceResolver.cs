namespace Platform.Serialization;

/// <summary>Creates grain and observer references on the receiving side, bound to that side's runtime.</summary>
public interface IWireReferenceResolver
{
    T GetReference<T>(GrainId grainId)
        where T : class;
}
