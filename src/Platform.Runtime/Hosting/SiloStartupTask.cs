namespace Platform.Runtime;

/// <summary>Work a provider needs done before the silo takes calls, such as migrating its schema.</summary>
internal sealed record SiloStartupTask(Func<IServiceProvider, Task> Run);
