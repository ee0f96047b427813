using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Api.Errors;

namespace Platform.Api.Tests;

/// <summary>What the API answers for failures no test can provoke through a healthy cluster.</summary>
public sealed class ErrorMappingTests
{
    public static TheoryData<string, Exception> Overloads => new()
    {
        { "a silo shedding load", new GatewayTooBusyException() },
        { "a grain past its queue limit", new LimitExceededException("MaxEnqueuedRequestsHardLimit", 101, 100, "job/7") },
    };

    [Theory]
    [MemberData(nameof(Overloads))]
    public async Task An_overloaded_cluster_is_a_503_with_Retry_After_not_a_500(string refusal, Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);

        var handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);

        handled.ShouldBeTrue(refusal);
        context.Response.StatusCode.ShouldBe(StatusCodes.Status503ServiceUnavailable, refusal);
        context.Response.Headers.RetryAfter.ToString().ShouldBe("5");
        context.Response.Body.Position = 0;
        (await new StreamReader(context.Response.Body).ReadToEndAsync()).ShouldContain("shedding load");
    }
}
