using Platform.Bench;

if (args is [BaselineServer.Mode, .. var serverArgs])
{
    return await BaselineServer.RunAsync(serverArgs);
}

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (FormatException error)
{
    Console.Error.WriteLine($"Platform.Bench: {error.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

foreach (var result in await Scenarios.RunLinesAsync(options))
{
    Console.WriteLine(result.ToJson());
}

return 0;
