using Platform.Silo;

return await SiloProgram.RunAsync(args, SiloProgram.ReadEnvironment(), Console.Out, Console.Error);
