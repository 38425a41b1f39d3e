namespace Corpus.Benchmarks;

/// <summary>The benchmark suites by name. A suite is a function from its arguments to an exit code.</summary>
public static class Suites
{
    private static readonly SortedDictionary<string, (string Description, Func<string[], int> Run)> All = new(StringComparer.Ordinal)
    {
        ["extraction"] = ("Main-content extraction on the ScrapingHub dev pages: AngleSharp parse only, ours, SmartReader.", ExtractionBenchmark.Run),
        ["build-sample"] = ("The whole sample build, end to end, next to fetching the same pages alone.", BuildSampleBenchmark.Run),
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !All.TryGetValue(args[0], out var suite))
        {
            Console.Error.WriteLine("usage: Corpus.Benchmarks <suite> [options]\n\nsuites:");
            foreach (var (name, (description, _)) in All) Console.Error.WriteLine($"  {name,-16} {description}");
            return args.Length == 0 ? 0 : 1;
        }
        return suite.Run(args[1..]);
    }
}
