namespace Platform.Runtime.Tests.Support;

/// <summary>Listeners on the runtime's meter and activity source see every silo in the process: run those tests alone.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;
