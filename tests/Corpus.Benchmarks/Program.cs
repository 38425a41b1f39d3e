using Corpus.Benchmarks;

// Each suite measures Corpus next to a baseline in the same run and prints a Markdown table with ratios.
// Usage: dotnet run -c Release --project tests/Corpus.Benchmarks -- <suite> [options]
// "noop" does nothing: the start-up benchmark's floor, a bare .NET process.
return args is ["noop"] ? 0 : Suites.Run(args);
