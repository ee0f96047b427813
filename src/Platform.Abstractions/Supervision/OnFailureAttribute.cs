namespace Platform;

/// <summary>
/// Chooses the supervision directive for failures of <paramref name="exceptionType"/> (or a subclass) in this grain class.
/// The most specific matching exception type wins.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class OnFailureAttribute(Type exceptionType, SupervisionDirective directive) : Attribute
{
    public Type ExceptionType { get; } = exceptionType;

    public SupervisionDirective Directive { get; } = directive;
}
