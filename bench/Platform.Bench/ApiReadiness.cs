using System.Diagnostics;
using System.Net;

namespace Platform.Bench;

/// <summary>Waits for an API instance, in this process or its own, to say through <c>/health/ready</c> that its cluster client reaches an active silo.</summary>
internal static class ApiReadiness
{
    /// <summary>
    /// A bound, not a target: a cold API process on the busy 2-core machine (the test suite runs its assemblies side by
    /// side) once took more than 60 s before it even listened.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    /// <param name="gone">Whether the API cannot become ready any more (its process exited): stops the wait early.</param>
    public static async Task WaitAsync(HttpClient http, Func<bool> gone)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Timeout.TotalSeconds * Stopwatch.Frequency);
        var last = "no answer";
        while (Stopwatch.GetTimestamp() < deadline && !gone())
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"status {(int)response.StatusCode}";
            }
            catch (HttpRequestException error)
            {
                last = error.Message;
            }

            await Task.Delay(100);
        }

        throw gone()
            ? new InvalidOperationException($"the API at {http.BaseAddress} exited before it was ready ({last})")
            : new TimeoutException($"the API at {http.BaseAddress} was not ready after {Timeout.TotalSeconds:0} s ({last})");
    }
}
