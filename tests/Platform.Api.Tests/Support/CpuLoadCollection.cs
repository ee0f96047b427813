namespace Platform.Api.Tests.Support;

/// <summary>
/// Tests that load the machine's CPU on purpose run alone, after the collections that run in parallel: their load would
/// slow the tests beside them past their deadlines, and those tests' work would blur what these measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuLoadCollection
{
    public const string Name = "cpu load";
}
