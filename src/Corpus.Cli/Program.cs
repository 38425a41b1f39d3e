using Corpus.Cli;

StartupTrace.EnableFromEnvironment();
return await CorpusApp.RunAsync(args, Console.Out, Console.Error);
