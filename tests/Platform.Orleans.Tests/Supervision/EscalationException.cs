namespace Platform.Orleans.Tests.Supervision;

[GenerateSerializer]
public sealed class EscalationException(string message) : Exception(message);
