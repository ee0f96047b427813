namespace Platform.Orleans.Tests.Supervision;

[GenerateSerializer]
public sealed class StopRequestedException(string message) : Exception(message);
