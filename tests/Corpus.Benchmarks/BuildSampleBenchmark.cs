using Corpus.Benchmarks.Harness;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Pipeline;

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
        var output = Path.Combine(Path.GetTempPath(), "corpus-build-sample", Guid.NewGuid().ToString("N"));
        var build = Measurement.Run("full build (crawl to release)", pages, () =>
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            new InProcessBuild(recipe, recipePath, output, "0.0.0").RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        });
        Directory.Delete(output, recursive: true);
        Report.Print($"Sample build, {pages} pages", [crawl, build], "pages");
        Report.Ratio("full build / crawl only", build, crawl);
        return 0;
    }
}
