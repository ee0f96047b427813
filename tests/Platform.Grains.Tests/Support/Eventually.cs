using System.Diagnostics;

namespace Platform.Grains.Tests.Support;

/// <summary>Polls a grain until what a stream subscriber does shows up, within a bound, instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var bound = timeout ?? DefaultWait;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (elapsed.Elapsed > bound)
            {
                throw new TimeoutException($"{what} did not happen within {bound}; last seen: {value}");
            }

            await Task.Delay(20);
        }
    }
}
