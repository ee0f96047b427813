namespace Platform.Payments.Tests.FakeStripe;

/// <summary>What the fake Stripe server does to the next request it was told to fail.</summary>
public enum FakeStripeFault
{
    /// <summary>500 before anything is performed; not stored under the idempotency key (Stripe stores only requests that started executing).</summary>
    ServerErrorBeforePerforming,

    /// <summary>Performs the request and stores its answer under the key, then drops the connection without answering.</summary>
    DropConnectionAfterPerforming,

    /// <summary>Performs the request and stores its answer, then holds the connection until the client gives up (a timeout).</summary>
    HangAfterPerforming,
}
