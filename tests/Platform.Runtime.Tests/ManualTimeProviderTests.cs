using Platform.Testing;

namespace Platform.Runtime.Tests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_fires_due_timers_in_order_and_periodic_timers_repeatedly()
    {
        var time = new ManualTimeProvider();
        var fired = new List<string>();
        using var periodic = time.CreateTimer(_ => fired.Add($"p@{time.GetUtcNow():ss}"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var once = time.CreateTimer(_ => fired.Add($"o@{time.GetUtcNow():ss}"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(6));

        fired.ShouldBe(["p@02", "o@03", "p@04", "p@06"]);
    }

    [Fact]
    public void Disposed_and_changed_timers_obey_the_change()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(9));
        count.ShouldBe(1);
        time.Advance(TimeSpan.FromSeconds(1));
        count.ShouldBe(2);
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(100));
        count.ShouldBe(2);
    }
}
