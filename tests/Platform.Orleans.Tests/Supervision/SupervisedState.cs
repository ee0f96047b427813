namespace Platform.Orleans.Tests.Supervision;

[GenerateSerializer]
public sealed class SupervisedState
{
    [Id(0)]
    public int Value { get; set; }
}
