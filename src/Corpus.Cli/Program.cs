using Corpus.Cli;

return await CorpusApp.RunAsync(args, Console.Out, Console.Error);
