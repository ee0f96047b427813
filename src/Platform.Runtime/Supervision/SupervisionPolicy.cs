using Platform.EventSourcing;

namespace Platform.Runtime.Supervision;

/// <summary>
/// How a grain type's supervisor reacts to failures: a directive per exception type (the most specific match wins) and a
/// restart intensity in the manner of OTP: more than <see cref="MaxRestarts"/> within <see cref="Window"/> quarantines the type.
/// </summary>
public sealed class SupervisionPolicy
{
    private readonly KeyValuePair<Type, SupervisionDirective>[] _rules;

    public SupervisionPolicy(
        IEnumerable<KeyValuePair<Type, SupervisionDirective>> rules,
        int maxRestarts,
        TimeSpan window,
        TimeSpan quarantinePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRestarts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quarantinePeriod, TimeSpan.Zero);
        _rules = rules.ToArray();
        MaxRestarts = maxRestarts;
        Window = window;
        QuarantinePeriod = quarantinePeriod;
    }

    public int MaxRestarts { get; }

    public TimeSpan Window { get; }

    public TimeSpan QuarantinePeriod { get; }

    /// <summary>Failures the runtime treats as corrupt in-memory state unless the grain class says otherwise.</summary>
    public static IReadOnlyList<KeyValuePair<Type, SupervisionDirective>> DefaultRules { get; } =
    [
        new(typeof(Exception), SupervisionDirective.Resume),
        new(typeof(InconsistentStateException), SupervisionDirective.Restart),
        new(typeof(JournalConcurrencyException), SupervisionDirective.Restart),
    ];

    public SupervisionDirective Decide(Exception failure)
    {
        var best = SupervisionDirective.Resume;
        var bestDistance = int.MaxValue;
        foreach (var (type, directive) in _rules)
        {
            var distance = InheritanceDistance(failure.GetType(), type);
            if (distance >= 0 && distance <= bestDistance)
            {
                best = directive;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Builds the policy of a grain class from its <see cref="OnFailureAttribute"/> and <see cref="RestartIntensityAttribute"/>.</summary>
    internal static SupervisionPolicy ForGrainClass(Type grainClass, SiloOptions options)
    {
        var rules = new List<KeyValuePair<Type, SupervisionDirective>>(DefaultRules);
        foreach (var attribute in grainClass.GetCustomAttributes(typeof(OnFailureAttribute), inherit: true).Cast<OnFailureAttribute>())
        {
            if (!typeof(Exception).IsAssignableFrom(attribute.ExceptionType))
            {
                throw new InvalidOperationException(
                    $"[OnFailure({attribute.ExceptionType.Name}, ...)] on {grainClass.Name}: {attribute.ExceptionType.Name} is not an exception type.");
            }

            rules.Add(new(attribute.ExceptionType, attribute.Directive));
        }

        var intensity = grainClass.GetCustomAttributes(typeof(RestartIntensityAttribute), inherit: true).Cast<RestartIntensityAttribute>().FirstOrDefault();
        return intensity is null
            ? new SupervisionPolicy(rules, options.DefaultMaxRestarts, options.DefaultRestartWindow, options.DefaultQuarantinePeriod)
            : new SupervisionPolicy(rules, intensity.MaxRestarts, intensity.Window, TimeSpan.FromSeconds(intensity.QuarantineSeconds));
    }

    private static int InheritanceDistance(Type actual, Type candidate)
    {
        var distance = 0;
        for (var type = actual; type is not null; type = type.BaseType, distance++)
        {
            if (type == candidate)
            {
                return distance;
            }
        }

        return -1;
    }
}
