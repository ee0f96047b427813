using System.Diagnostics;
using System.Reflection;
using Orleans.Runtime;

namespace Platform.Orleans.Tests.Resilience;

public sealed class CallRetryTests(RetryCluster cluster) : IClassFixture<RetryCluster>
{
    /// <summary>How Orleans 10.4.2 words the failure of a call whose target silo died while it was pending (CallbackData.OnTargetSiloFail).</summary>
    private const string DiedWhilePending = "The target silo became unavailable for message: Request [...]. See https://aka.ms/orleans-troubleshooting for troubleshooting help.";

    private readonly IOperationLogGrain _log = cluster.Grains.GetGrain<IOperationLogGrain>(Guid.NewGuid().ToString("N"));

    public static TheoryData<string, Exception> RejectionsBeforeDelivery => new()
    {
        { "plain rejection (forwarding exhausted, activation gone, silo stopping)", Rejection("Forwarding failed: tried to forward message 2 times") },
        { "no gateway", Rejection("No gateways available") },
        { "send to a silo known to be dead", new SiloUnavailableException() },
        { "placement on a stopping silo", new SiloUnavailableException("Silo 'S127.0.0.1:11111:1' is shutting down.") },
        { "placement found no silo", new OrleansException("No active nodes are compatible with grain benchcounter and interface I version 0.") },
        { "activation on a silo declared dead", new OrleansException("Trying to register job/chaos/job-6253 on invalid silo: S127.0.0.1:36899:155239850. Known status: Dead") },
        { "message expired before placement (cancelled)", new OperationCanceledException("Message expired before placement could complete for grain benchcounter/7.") },
        { "message expired before placement (timed out)", new TimeoutException("Message expired before placement could complete for grain benchcounter/7.") },
    };

    /// <summary>Orleans' bare rejection, whose message constructor is internal: what a caller receives for a rejection without an attached exception.</summary>
    private static OrleansMessageRejectionException Rejection(string message) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(
            typeof(OrleansMessageRejectionException), BindingFlags.NonPublic | BindingFlags.Instance, binder: null, [message], culture: null)!;

    [Theory]
    [MemberData(nameof(RejectionsBeforeDelivery))]
    public async Task A_call_Orleans_rejected_before_delivery_is_re_sent_and_runs_once(string what, Exception rejection)
    {
        var operation = Guid.NewGuid();
        cluster.Faults.Plan[operation] = new InjectedFault(() => rejection, AfterDelivery: false, FailingAttempts: 2);

        (await _log.Append(operation)).ShouldBe(1, what);

        cluster.Faults.Attempts[operation].ShouldBe(3);
        (await _log.Executions(operation)).ShouldBe(1);
    }

    [Fact]
    public async Task A_gateway_shedding_load_is_not_asked_again_and_the_caller_sees_its_refusal_at_once()
    {
        var operation = Guid.NewGuid();
        cluster.Faults.Plan[operation] = new InjectedFault(() => new GatewayTooBusyException(), AfterDelivery: false, FailingAttempts: 1);

        await Should.ThrowAsync<GatewayTooBusyException>(() => _log.Append(operation));

        cluster.Faults.Attempts[operation].ShouldBe(1, "a re-sent request would only add to the shedding silo's load");
        (await _log.Executions(operation)).ShouldBe(0);
    }

    public static TheoryData<string, Exception> OverloadRefusals => new()
    {
        { "gateway shedding load", new GatewayTooBusyException() },
        { "activation past its queue limit", new LimitExceededException("MaxEnqueuedRequestsHardLimit", 101, 100, "benchcounter/7") },
    };

    [Theory]
    [MemberData(nameof(OverloadRefusals))]
    public async Task An_overload_refusal_of_an_idempotent_call_is_not_re_sent_either(string what, Exception refusal)
    {
        var operation = Guid.NewGuid();
        cluster.Faults.Plan[operation] = new InjectedFault(() => refusal, AfterDelivery: false, FailingAttempts: 1);

        (await Should.ThrowAsync<Exception>(() => _log.Put(operation))).ShouldBeOfType(refusal.GetType(), what);

        cluster.Faults.Attempts[operation].ShouldBe(1, what);
        (await _log.Executions(operation)).ShouldBe(0, what);
    }

    [Fact]
    public async Task A_call_that_may_have_run_is_not_re_sent_and_the_caller_sees_why()
    {
        var operation = Guid.NewGuid();
        cluster.Faults.Plan[operation] = new InjectedFault(() => new SiloUnavailableException(DiedWhilePending), AfterDelivery: true, FailingAttempts: 1);

        (await Should.ThrowAsync<SiloUnavailableException>(() => _log.Append(operation))).Message.ShouldBe(DiedWhilePending);

        cluster.Faults.Attempts[operation].ShouldBe(1);
        (await _log.Executions(operation)).ShouldBe(1);
    }

    [Fact]
    public async Task A_timed_out_call_is_not_re_sent()
    {
        var operation = Guid.NewGuid();
        cluster.Faults.Plan[operation] = new InjectedFault(() => new TimeoutException("Response did not arrive on time"), AfterDelivery: true, FailingAttempts: 1);

        await Should.ThrowAsync<TimeoutException>(() => _log.Append(operation));

        cluster.Faults.Attempts[operation].ShouldBe(1);
    }

    [Fact]
    public async Task An_idempotent_call_that_may_have_run_is_re_sent_with_its_arguments()
    {
        var operation = Guid.NewGuid();
        cluster.Faults.Plan[operation] = new InjectedFault(() => new SiloUnavailableException(DiedWhilePending), AfterDelivery: true, FailingAttempts: 1);

        (await _log.Put(operation)).ShouldBe(2, "the retry carried the same operation id, and the idempotent method ran again");

        cluster.Faults.Attempts[operation].ShouldBe(2);
    }

    [Fact]
    public async Task An_exception_the_grain_threw_is_not_re_sent()
    {
        var operation = Guid.NewGuid();

        await Should.ThrowAsync<InvalidOperationException>(() => _log.Fail(operation));

        (await _log.Executions(operation)).ShouldBe(1);
    }

    [Fact]
    public async Task Re_sending_stops_at_the_deadline_and_the_caller_gets_the_last_rejection()
    {
        var operation = Guid.NewGuid();
        cluster.Faults.Plan[operation] = new InjectedFault(() => Rejection("Silo stopping"), AfterDelivery: false, FailingAttempts: int.MaxValue);

        var started = Stopwatch.GetTimestamp();
        await Should.ThrowAsync<OrleansMessageRejectionException>(() => _log.Append(operation));

        Stopwatch.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromMinutes(1), "the retry gave up at its deadline");
        cluster.Faults.Attempts[operation].ShouldBeGreaterThan(1);
        cluster.Faults.Plan.TryRemove(operation, out _);
        (await _log.Executions(operation)).ShouldBe(0);
    }

    [Fact]
    public async Task A_call_that_reaches_its_silo_after_the_caller_s_deadline_is_not_run()
    {
        var operation = Guid.NewGuid();
        cluster.Faults.Plan[operation] = new InjectedFault(Exception: null, AfterDelivery: true, FailingAttempts: 1, HoldBack: TimeSpan.FromSeconds(3));

        (await Should.ThrowAsync<TimeoutException>(() => _log.Append(operation))).Message.ShouldContain("arrived after its caller's deadline");

        cluster.Faults.Plan.TryRemove(operation, out _);
        (await _log.Executions(operation)).ShouldBe(0);
    }

    [Fact]
    public async Task A_stream_event_outlives_its_publishers_deadline_and_its_consumer_s_calls_still_run()
    {
        var key = Guid.NewGuid().ToString("N");
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var log = cluster.Grains.GetGrain<IOperationLogGrain>(key);

        // Published within the client's 2 s deadline; handled 3 and 6 s later.
        await cluster.Grains.GetGrain<IDeadlineEventPublisherGrain>(key).Publish([first, second]);

        var deadline = Stopwatch.GetTimestamp() + (long)(TimeSpan.FromSeconds(30).TotalSeconds * Stopwatch.Frequency);
        while (await log.Executions(second) == 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
        }

        (await log.Executions(first)).ShouldBe(1);
        (await log.Executions(second)).ShouldBe(1);
    }
}
