using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Platform.CodeGenerator.Tests;

/// <summary>Runs generated activators the way the runtime does: with the activation's context as the construction scope.</summary>
public sealed class ActivatorTests
{
    [Fact]
    public void Activator_fills_persistent_state_services_and_context()
    {
        var stateFactory = new FakeStateFactory();
        var context = new FakeGrainContext(new GrainId("job", "1"), new FakeServices(stateFactory));

        var grain = Activate("Sample.Jobs.JobGrain", context);

        stateFactory.Created.ShouldBe([("job", "store")]);
        var state = Property(grain, "State")!.GetType();
        state.GetGenericTypeDefinition().ShouldBe(typeof(FakeState<>));
        state.GetGenericArguments().Single().FullName.ShouldBe("Sample.Jobs.JobState");
        Property(grain, "Logger").ShouldBeAssignableTo<ILogger>()!.GetType().GetGenericArguments().Single().ShouldBe(grain.GetType());
        Property(grain, "Context").ShouldBeSameAs(context);
        grain.GrainId.ShouldBe(context.GrainId);
    }

    [Fact]
    public void Activator_uses_the_accessible_constructor_with_most_parameters()
    {
        var context = new FakeGrainContext(new GrainId("counter", "1"), new FakeServices(new FakeStateFactory()));

        var counter = Activate("Sample.Jobs.CounterGrain", context);
        var resource = Activate("Sample.Jobs.ResourceGrain", context);

        Property(counter, "Time").ShouldBeSameAs(TimeProvider.System);
        resource.GetType().FullName.ShouldBe("Sample.Jobs.ResourceGrain");
    }

    [Fact]
    public void Missing_service_fails_like_GetRequiredService()
    {
        var context = new FakeGrainContext(new GrainId("job", "1"), new EmptyServices());

        Should.Throw<InvalidOperationException>(() => Activate("Sample.Jobs.CounterGrain", context));
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    private static Grain Activate(string grainType, FakeGrainContext context)
    {
        var registry = GeneratedAssembly.Register();
        var activator = registry.Grains[GeneratedAssembly.Type(grainType)];

        // The runtime sets this scope around construction; Grain's constructor reads it.
        var scope = typeof(Grain).Assembly.GetType("Platform.GrainConstructionScope", throwOnError: true)!
            .GetField("Current", BindingFlags.Static | BindingFlags.NonPublic)!;
        scope.SetValue(null, context);
        try
        {
            return activator(context.Services, context);
        }
        finally
        {
            scope.SetValue(null, null);
        }
    }

    private static object? Property(object target, string name) => target.GetType().GetProperty(name)!.GetValue(target);
}
