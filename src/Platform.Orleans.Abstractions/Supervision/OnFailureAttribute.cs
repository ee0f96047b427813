namespace Platform.Orleans.Supervision;

/// <summary>
/// Chooses the supervision directive for failures of <paramref name="exceptionType"/> (or a subclass) thrown by this
/// grain class's methods. Several may be given; the most specific matching exception type wins. Failures no attribute
/// matches are resumed: most exceptions are a caller's or a business error and say nothing about the in-memory state.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class OnFailureAttribute(Type exceptionType, SupervisionDirective directive) : Attribute
{
    public Type ExceptionType { get; } = exceptionType;

    public SupervisionDirective Directive { get; } = directive;
}
