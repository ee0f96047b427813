using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Orleans.Telemetry;

namespace Platform.Orleans.Supervision;

/// <summary>The supervision counters on the <see cref="PlatformOrleansMeter"/> meter.</summary>
internal sealed class SupervisionInstruments
{
    public const string DirectivesName = "platform.grain.supervision.directives";
    public const string QuarantinesName = "platform.grain.supervision.quarantines";
    public const string RefusalsName = "platform.grain.supervision.refusals";

    private readonly Counter<long> _directives;
    private readonly Counter<long> _quarantines;
    private readonly Counter<long> _refusals;

    public SupervisionInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PlatformOrleansMeter.Name);
        _directives = meter.CreateCounter<long>(DirectivesName, "{failure}", "Failed grain calls by grain type and the supervision directive applied (Resume, Restart, Stop, Escalate).");
        _quarantines = meter.CreateCounter<long>(QuarantinesName, "{quarantine}", "Grain types quarantined after exceeding their restart intensity.");
        _refusals = meter.CreateCounter<long>(RefusalsName, "{call}", "Calls refused because their grain was stopped or its type quarantined.");
    }

    public void OnDirective(string grainType, SupervisionDirective directive) =>
        _directives.Add(1, new TagList { { "grain.type", grainType }, { "directive", DirectiveName(directive) } });

    public void OnQuarantine(string grainType) => _quarantines.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    public void OnRefused(string grainType, string reason) =>
        _refusals.Add(1, new TagList { { "grain.type", grainType }, { "reason", reason } });

    // Enum.ToString allocates; the four names are constants.
    private static string DirectiveName(SupervisionDirective directive) => directive switch
    {
        SupervisionDirective.Resume => nameof(SupervisionDirective.Resume),
        SupervisionDirective.Restart => nameof(SupervisionDirective.Restart),
        SupervisionDirective.Stop => nameof(SupervisionDirective.Stop),
        _ => nameof(SupervisionDirective.Escalate),
    };
}
