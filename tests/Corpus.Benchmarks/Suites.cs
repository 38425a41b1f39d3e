namespace Corpus.Benchmarks;

/// <summary>The benchmark suites by name. A suite is a function from its arguments to an exit code.</summary>
public static class Suites
{
    private static readonly SortedDictionary<string, (string Description, Func<string[], int> Run)> All = new(StringComparer.Ordinal)
    {
        ["dedup"] = ("Dedup: MinHash signature MB/s per core next to XxHash3; whole staged dedup of N synthetic documents (wall, peak memory).", DedupBenchmark.Run),
        ["annotate"] = ("Language, topic, counts and all annotation per document as multiples of extraction's CPU per page of the same pages (and on 3 KB dev prose), in interleaved rounds.", AnnotateBenchmark.Run),
        ["warc-read"] = ("Reading a .warc.gz of synthetic pages: zcat, the previous reader, WarcReader and WarcPageSource (MB/s per core, allocation per page).", WarcReadBenchmark.Run),
        ["crawl"] = ("5 000 pages across 50 loopback hosts: the crawler next to a plain HttpClient loop.", CrawlBenchmark.Run),
        ["gopher"] = ("Gopher repetition (13 rules) and the other quality rules per document as first written and now, next to extraction of the same pages.", GopherBenchmark.Run),
        ["startup"] = ("What one corpus process costs before its first page: --version, --help, a 1-page extract, a 1-document annotate and a 1-page build, next to a bare dotnet process.", StartupBenchmark.Run),
        ["extraction"] = ("Main-content extraction on both extraction dev sets: AngleSharp parse only, ours, SmartReader (pages/s, allocation per page).", ExtractionBenchmark.Run),
        ["build-sample"] = ("The whole sample build, end to end, next to fetching the same pages alone.", BuildSampleBenchmark.Run),
        ["scale"] = ("N synthetic news pages as WARC: corpus build in one process next to plan + run with 1, 2 and 4 local workers; per-stage times, identical shards.", ScaleBenchmark.Run),
        ["pipeline"] = ("corpus build from WARC at two sizes ten times apart, before (--before DLL) and now, next to corpus extract on the same pages as HTML: wall, pages/s, peak RSS.", PipelineBenchmark.Run),
        ["topic"] = ("Topic scoring per document: the shipped model now, as it read before (2,000 characters, the whole text for the priors), the keyword priors alone, taking turns.", TopicBenchmark.Run),
        ["write"] = ("Our Parquet writer next to DuckDB's COPY ... (FORMAT parquet, COMPRESSION zstd) on the same synthetic articles.", WriteBenchmark.Run),
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
