namespace Platform.Api.Tests.Support;

/// <summary>Waits for something the cluster does after a call returned (stream delivery), polling without sleeping long.</summary>
public static class Eventually
{
    public static async Task<T?> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected state was not reached in time.");
            }

            await Task.Delay(100);
        }
    }
}
