using System.Reflection;
using Platform.Invocation;

namespace Platform.CodeGenerator.Tests;

/// <summary>Calls generated proxies through a runtime that captures requests, then checks what the requests carry.</summary>
public sealed class GeneratedRequestTests
{
    private static readonly GrainId Id = new("job", "42");

    private readonly CapturingRuntime _runtime = new();

    [Fact]
    public void Proxy_is_a_grain_reference_sent_as_the_call_target()
    {
        var proxy = Proxy("Sample.Jobs.IJobGrain");

        Call(proxy, "Sample.Jobs.IJobGrain", "GetStatus");

        var reference = proxy.ShouldBeAssignableTo<GrainReference>()!;
        reference.GrainId.ShouldBe(Id);
        reference.Runtime.ShouldBeSameAs(_runtime);
        _runtime.Sent.Single().Target.ShouldBeSameAs(proxy);
    }

    [Fact]
    public void Task_of_T_method_returns_the_request_task_and_has_no_options()
    {
        var returned = Call(Proxy("Sample.Jobs.IJobGrain"), "Sample.Jobs.IJobGrain", "GetStatus");

        var request = _runtime.Sent.Single().Request.ShouldBeAssignableTo<Request<string>>()!;
        request.InterfaceName.ShouldBe("Sample.Jobs.IJobGrain");
        request.MethodName.ShouldBe("GetStatus");
        request.Options.ShouldBe(RequestOptions.None);
        request.ResponseTimeout.ShouldBeNull();
        request.CancellationToken.ShouldBe(CancellationToken.None);
        returned.ShouldBeSameAs(request.Task);
        request.Task.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public void Attributes_become_options_and_timeouts()
    {
        var proxy = Proxy("Sample.Jobs.IJobGrain");

        Call(proxy, "Sample.Jobs.IJobGrain", "Count", "x");
        Call(proxy, "Sample.Jobs.IJobGrain", "History", 3);
        Call(proxy, "Sample.Jobs.IJobGrain", "Finish", Guid.NewGuid());
        Call(proxy, "Sample.Jobs.IJobGrain", "LastRun");

        var requests = _runtime.Sent.Select(s => s.Request).ToList();
        requests[0].Options.ShouldBe(RequestOptions.ReadOnly);
        requests[1].Options.ShouldBe(RequestOptions.AlwaysInterleave);
        requests[2].Options.ShouldBe(RequestOptions.None);
        requests[2].ResponseTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        requests[2].ShouldBeAssignableTo<VoidRequest>();
        requests[3].Options.ShouldBe(RequestOptions.ReadOnly | RequestOptions.AlwaysInterleave);
        requests[3].ResponseTimeout.ShouldBe(new TimeSpan(1, 2, 3, 4, 500));
        requests[3].ShouldBeAssignableTo<Request<DateTime?>>();
    }

    [Fact]
    public void ValueTask_methods_wrap_the_request_task()
    {
        var proxy = Proxy("Sample.Jobs.IJobGrain");

        var history = (ValueTask<IReadOnlyList<string>?>)Call(proxy, "Sample.Jobs.IJobGrain", "History", 3)!;
        var finish = (ValueTask)Call(proxy, "Sample.Jobs.IJobGrain", "Finish", Guid.NewGuid())!;

        history.AsTask().ShouldBeSameAs(((Request<IReadOnlyList<string>?>)_runtime.Sent[0].Request).Task);
        finish.AsTask().ShouldBeSameAs(((VoidRequest)_runtime.Sent[1].Request).Task);
    }

    [Fact]
    public void Cancellation_token_argument_is_exposed_by_the_request()
    {
        using var source = new CancellationTokenSource();

        Call(Proxy("Sample.Jobs.IJobGrain"), "Sample.Jobs.IJobGrain", "Start", "build", 7, source.Token);

        var request = _runtime.Sent.Single().Request;
        request.MethodName.ShouldBe("Start");
        request.CancellationToken.ShouldBe(source.Token);
        request.CancellationToken.CanBeCanceled.ShouldBeTrue();
    }

    [Fact]
    public void Overloads_get_distinct_request_types()
    {
        var proxy = Proxy("Sample.Jobs.IJobGrain");

        Call(proxy, "Sample.Jobs.IJobGrain", "Start", "build", 7, CancellationToken.None);
        Call(proxy, "Sample.Jobs.IJobGrain", "Start", "build");

        var types = _runtime.Sent.Select(s => s.Request.GetType()).ToList();
        types[0].ShouldNotBe(types[1]);
        _runtime.Sent.ShouldAllBe(s => s.Request.MethodName == "Start");
        _runtime.Sent[1].Request.CancellationToken.CanBeCanceled.ShouldBeFalse();
    }

    [Fact]
    public void One_way_methods_return_at_once_without_waiting_for_the_reply()
    {
        var proxy = Proxy("Sample.Jobs.IJobGrain");

        var ping = (Task)Call(proxy, "Sample.Jobs.IJobGrain", "Ping")!;
        var poke = (ValueTask)Call(proxy, "Sample.Jobs.IJobGrain", "Poke", 1)!;
        var fire = Call(proxy, "Sample.Jobs.IJobGrain", "Fire", "now");

        ping.IsCompletedSuccessfully.ShouldBeTrue();
        poke.IsCompletedSuccessfully.ShouldBeTrue();
        fire.ShouldBeNull();
        _runtime.Sent.Count.ShouldBe(3);
        _runtime.Sent.ShouldAllBe(s => s.Request.Options == RequestOptions.OneWay);
        ((VoidRequest)_runtime.Sent[0].Request).Task.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public void Observer_void_method_is_one_way()
    {
        var result = Call(Proxy("Sample.Jobs.IJobObserver"), "Sample.Jobs.IJobObserver", "OnProgress", "job", 0.5);

        result.ShouldBeNull();
        var request = _runtime.Sent.Single().Request.ShouldBeAssignableTo<VoidRequest>()!;
        request.InterfaceName.ShouldBe("Sample.Jobs.IJobObserver");
        request.MethodName.ShouldBe("OnProgress");
        request.Options.ShouldBe(RequestOptions.OneWay);
    }

    [Fact]
    public void Diamond_inherited_methods_each_get_their_own_request()
    {
        var proxy = Proxy("Sample.Jobs.IResourceGrain");

        Call(proxy, "Sample.Jobs.INamed", "GetName");
        Call(proxy, "Sample.Jobs.IDescribed", "Reset");
        Call(proxy, "Sample.Jobs.ITagged", "Reset");
        Call(proxy, "Sample.Jobs.IResourceGrain", "Rename", "new");

        var requests = _runtime.Sent.Select(s => s.Request).ToList();
        requests.Select(r => r.MethodName).ShouldBe(["GetName", "Reset", "Reset", "Rename"]);
        requests.ShouldAllBe(r => r.InterfaceName == "Sample.Jobs.IResourceGrain");
        requests.Select(r => r.GetType()).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void Nested_interfaces_are_named_with_their_containing_types()
    {
        var id = Guid.NewGuid();

        Call(Proxy("Sample.Jobs.Outer+IInnerGrain"), "Sample.Jobs.Outer+IInnerGrain", "Echo", id);
        Call(Proxy("Sample.Jobs.Nested.Deeper.IDeepGrain"), "Sample.Jobs.Nested.Deeper.IDeepGrain", "Next", [null]);

        _runtime.Sent[0].Request.InterfaceName.ShouldBe("Sample.Jobs.Outer.IInnerGrain");
        _runtime.Sent[1].Request.InterfaceName.ShouldBe("Sample.Jobs.Nested.Deeper.IDeepGrain");
    }

    [Fact]
    public async Task Requests_invoke_the_method_with_their_arguments_in_order()
    {
        var proxy = Proxy("Sample.Jobs.IJobGrain");
        Call(proxy, "Sample.Jobs.IJobGrain", "Add", 2, 40);
        Call(proxy, "Sample.Jobs.IJobGrain", "Start", "build", 7, CancellationToken.None);
        Call(proxy, "Sample.Jobs.IJobGrain", "Fire", "now");
        Call(proxy, "Sample.Jobs.IJobGrain", "Poke", 9);
        var target = Activator.CreateInstance(GeneratedAssembly.Type("Sample.Jobs.RecordingJob"))!;

        var sum = await (ValueTask<int>)InvokeCore(_runtime.Sent[0].Request, target);
        await (ValueTask)InvokeCore(_runtime.Sent[1].Request, target);
        await (ValueTask)InvokeCore(_runtime.Sent[2].Request, target);
        await (ValueTask)InvokeCore(_runtime.Sent[3].Request, target);

        sum.ShouldBe(42);
        var calls = (List<string>)target.GetType().GetProperty("Calls")!.GetValue(target)!;
        calls.ShouldBe(["Add 2 40", "Start build 7 False", "Fire now", "Poke 9"]);
    }

    private object Proxy(string interfaceName)
    {
        var registry = GeneratedAssembly.Register();
        var type = GeneratedAssembly.Type(interfaceName);
        var proxy = registry.Proxies[type](Id, _runtime);
        proxy.ShouldBeAssignableTo(type);
        return proxy;
    }

    private static object? Call(object proxy, string interfaceName, string method, params object?[] args)
    {
        var candidates = GeneratedAssembly.Type(interfaceName).GetMethods().Where(m => m.Name == method && m.GetParameters().Length == args.Length);
        return candidates.Single().Invoke(proxy, args);
    }

    // InvokeCore is how the runtime calls the grain; the tests reach it by reflection because Execute is internal.
    private static object InvokeCore(Request request, object grain) =>
        request.GetType().GetMethod("InvokeCore", BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(request, [grain])!;
}
