namespace Platform;

/// <summary>Names the grain type of a class; the name is part of every grain id and storage key, so keep it stable.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
