namespace Platform.Invocation;

/// <summary>Names the generated <see cref="IGeneratedCodeProvider"/> of an assembly, so that the runtime finds it without scanning types.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class GeneratedCodeProviderAttribute(Type providerType) : Attribute
{
    public Type ProviderType { get; } = providerType;
}
