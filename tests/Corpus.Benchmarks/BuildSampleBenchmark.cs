using Corpus.Benchmarks.Harness;
using Corpus.Cli.Composition;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Core.Documents;

namespace Corpus.Benchmarks;

/// <summary>
/// The sample build (crawl over loopback, extract, clean, annotate, dedup) next to the crawl alone, so the ratio shows
/// what the stages after fetching cost.
/// </summary>
public static class BuildSampleBenchmark
{
    public static int Run(string[] args)
    {
        var recipePath = args.Length > 0 ? args[0] : "datasets/sample/corpus.yaml";
        var recipe = RecipeLoader.Load(recipePath);
        var pages = 0;
        var crawl = Measurement.Run("crawl only (baseline)", 1, () =>
        {
            pages = 0;
            var source = new CrawlSource(recipe);
            foreach (var _ in source.ReadAsync(CancellationToken.None).ToBlockingEnumerable()) pages++;
        });
        crawl = crawl with { Items = pages };
        var build = Measurement.Run("full build (no write)", pages, () => BuildPipeline.Create(recipe).RunAsync().GetAwaiter().GetResult());
        Report.Print($"Sample build, {pages} pages", [crawl, build], "pages");
        Report.Ratio("full build / crawl only", build, crawl);
        return 0;
    }
}
