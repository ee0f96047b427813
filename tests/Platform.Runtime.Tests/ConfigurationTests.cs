using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Platform.Runtime.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData(nameof(SiloOptions.DefaultCallTimeout), "SiloOptions.DefaultCallTimeout must be greater than zero; it is -00:00:01.")]
    [InlineData(nameof(SiloOptions.SweepInterval), "SiloOptions.SweepInterval must be greater than zero; it is -00:00:01.")]
    [InlineData(nameof(SiloOptions.DefaultCollectionAge), "SiloOptions.DefaultCollectionAge must be greater than zero; it is -00:00:01.")]
    public void Bad_durations_are_rejected_naming_the_option(string option, string message)
    {
        var options = new SiloOptions();
        typeof(SiloOptions).GetProperty(option)!.SetValue(options, TimeSpan.FromSeconds(-1));

        Should.Throw<ArgumentOutOfRangeException>(options.Validate).Message.ShouldStartWith(message);
    }

    [Fact]
    public void Bad_counts_are_rejected_naming_the_option()
    {
        Should.Throw<ArgumentOutOfRangeException>(new SiloOptions { DefaultMailboxCapacity = 0 }.Validate)
            .Message.ShouldStartWith("SiloOptions.DefaultMailboxCapacity must be at least 1; it is 0.");
        Should.Throw<ArgumentOutOfRangeException>(new SiloOptions { TurnBudget = -3 }.Validate)
            .Message.ShouldStartWith("SiloOptions.TurnBudget must be at least 1; it is -3.");
        Should.Throw<ArgumentException>(new SiloOptions { DefaultStorageName = " " }.Validate)
            .Message.ShouldContain("DefaultStorageName");
    }

    [Fact]
    public void A_silo_refuses_invalid_options_at_registration()
    {
        var services = new ServiceCollection();

        Should.Throw<ArgumentOutOfRangeException>(() => services.AddPlatformSilo(silo => silo.Configure(o => o.DefaultCallTimeout = TimeSpan.Zero)));
    }

    [Fact]
    public void An_assembly_without_generated_code_is_refused_with_the_fix()
    {
        var services = new ServiceCollection();

        var error = Should.Throw<InvalidOperationException>(() => services.AddPlatformSilo(silo => silo.AddGrains(typeof(string).Assembly)));

        error.Message.ShouldContain("<PlatformCodeGen>true</PlatformCodeGen>");
    }

    [Fact]
    public async Task Persistent_state_in_an_unregistered_storage_fails_activation_naming_the_storage()
    {
        await using var cluster = await InProcessTestCluster.CreateBuilder()
            .AddGrains(typeof(ConfigurationTests).Assembly)
            .ConfigureServices(services => services.AddSingleton(new Support.TestProbe()))
            .BuildAndStartAsync();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => cluster.GrainFactory.GetGrain<Grains.IArchiveGrain>("x").Ping());

        error.Message.ShouldContain("no storage of that name is registered");
    }
}
