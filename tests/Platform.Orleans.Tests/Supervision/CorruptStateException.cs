namespace Platform.Orleans.Tests.Supervision;

[GenerateSerializer]
public sealed class CorruptStateException(string message) : InvalidOperationException(message);
