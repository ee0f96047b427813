using Platform.Runtime.Tests.Support;
using Platform.Timers;

namespace Platform.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);

    Task StopTimer();

    Task<int> GetTicks();

    Task WaitForGate(string gate);

    Task Deactivate();
}

internal sealed class TimerGrain(TestProbe probe) : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private bool _inCall;

    public Task Start(TimeSpan period)
    {
        _timer = RegisterGrainTimer(OnTick, period, period);
        return Task.CompletedTask;
    }

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<int> GetTicks() => Task.FromResult(_ticks);

    public async Task WaitForGate(string gate)
    {
        _inCall = true;
        await probe.Gate(gate);
        _inCall = false;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private Task OnTick(CancellationToken cancellationToken)
    {
        // A tick is a turn: it never runs while a call is in the middle of its turn.
        probe.Record(_inCall ? "tick-during-call" : "tick");
        _ticks++;
        return Task.CompletedTask;
    }
}
