namespace Platform.Invocation;

/// <summary>Implemented by the generated metadata class of each assembly that declares grain interfaces or grains.</summary>
public interface IGeneratedCodeProvider
{
    void Register(IGeneratedCodeRegistry registry);
}
