using System.Collections.Concurrent;
using System.Reflection;

namespace Platform.Orleans.Supervision;

/// <summary>
/// How one grain class reacts to failures: a directive per exception type from its <see cref="OnFailureAttribute"/>s
/// (the most specific match wins, unmatched failures resume) and the restart intensity.
/// </summary>
internal sealed class SupervisionPolicy
{
    private readonly KeyValuePair<Type, SupervisionDirective>[] _rules;

    // Failures are rare, but a failing grain tends to fail the same way many times: decide once per exception type.
    private readonly ConcurrentDictionary<Type, SupervisionDirective> _decisions = new();

    public SupervisionPolicy(IEnumerable<KeyValuePair<Type, SupervisionDirective>> rules, int maxRestarts, TimeSpan window)
    {
        _rules = [.. rules];
        MaxRestarts = maxRestarts;
        Window = window;
    }

    public int MaxRestarts { get; }

    public TimeSpan Window { get; }

    public SupervisionDirective Decide(Exception failure) =>
        _decisions.GetOrAdd(failure.GetType(), static (type, rules) => DecideUncached(type, rules), _rules);

    public static SupervisionPolicy ForGrainClass(Type grainClass, SupervisionOptions options)
    {
        var rules = new List<KeyValuePair<Type, SupervisionDirective>>();
        foreach (var attribute in grainClass.GetCustomAttributes<OnFailureAttribute>(inherit: true))
        {
            if (!typeof(Exception).IsAssignableFrom(attribute.ExceptionType))
            {
                throw new InvalidOperationException(
                    $"[OnFailure(typeof({attribute.ExceptionType.Name}), ...)] on {grainClass.FullName}: {attribute.ExceptionType.Name} is not an exception type.");
            }

            rules.Add(new(attribute.ExceptionType, attribute.Directive));
        }

        var intensity = grainClass.GetCustomAttribute<RestartIntensityAttribute>(inherit: true);
        return intensity is null
            ? new SupervisionPolicy(rules, options.DefaultMaxRestarts, options.DefaultRestartWindow)
            : new SupervisionPolicy(rules, intensity.MaxRestarts, intensity.Window);
    }

    private static SupervisionDirective DecideUncached(Type failureType, KeyValuePair<Type, SupervisionDirective>[] rules)
    {
        var best = SupervisionDirective.Resume;
        var bestDistance = int.MaxValue;
        foreach (var (ruleType, directive) in rules)
        {
            var distance = InheritanceDistance(failureType, ruleType);
            if (distance >= 0 && distance < bestDistance)
            {
                best = directive;
                bestDistance = distance;
            }
        }

        return best;
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
