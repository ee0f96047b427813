namespace Platform.Orleans.Tests.Resilience;

/// <summary>What <see cref="FaultInjectionFilter"/> does to the first <paramref name="FailingAttempts"/> attempts of a call.</summary>
/// <param name="Exception">The failure the caller's retry filter sees; null to deliver the call (after <paramref name="HoldBack"/>).</param>
/// <param name="AfterDelivery">
/// False: the request never reaches the grain (as when Orleans rejects it). True: the grain runs it and the reply is
/// replaced by the failure (as when the target silo dies before answering).
/// </param>
/// <param name="HoldBack">How long the request waits before it is sent (as in a frozen silo's socket buffer).</param>
internal sealed record InjectedFault(Func<Exception>? Exception, bool AfterDelivery, int FailingAttempts, TimeSpan HoldBack = default);
