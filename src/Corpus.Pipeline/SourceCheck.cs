using Corpus.Core;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Scaling;
using Corpus.Crawling.Warc;
using Corpus.Pipeline.Steps;

namespace Corpus.Pipeline;

/// <summary>
/// Before anything is published: the sources that gave no pages go into the build report (so the summary and the
/// manifest name them), and a build with no input document at all stops with exit 1 unless <c>--allow-empty</c> was
/// given: an empty release would use up the version and hide the broken source.
/// </summary>
public static class SourceCheck
{
    /// <param name="pagesByWarc">Input documents per WARC file name.</param>
    public static BuildReport Apply(WorkFolder work, WorkPlan plan, Recipe recipe, BuildReport report, IReadOnlyDictionary<string, int> pagesByWarc)
    {
        var empty = Yields(work, plan, recipe, pagesByWarc).Where(y => y.IsEmpty).ToList();
        if (empty.Count > 0) report = report with { EmptySources = empty };
        if (report.Input == 0 && !plan.AllowEmpty)
        {
            var why = empty.Count > 0 ? string.Join("; ", empty) : "the recipe lists no source";
            throw new CorpusUserException($"the build of {recipe.Name} {recipe.Version} read no document, so nothing was published ({why}); fix the recipe's sources, or pass --allow-empty to publish it anyway.");
        }
        return report;
    }

    /// <summary>
    /// Every source's yield over all crawl tasks: a sitemap is fetched by the task that owns its host, but the pages it
    /// lists may be crawled by others, so pages add up across tasks and a problem is reported only when none had pages.
    /// </summary>
    private static IEnumerable<SourceYield> Yields(WorkFolder work, WorkPlan plan, Recipe recipe, IReadOnlyDictionary<string, int> pagesByWarc)
    {
        var crawlRoot = CrawlStep.Root(work);
        var perTask = Enumerable.Range(0, plan.Tasks)
            .Select(t => PartitionedCrawl.TaskFolder(crawlRoot, t))
            .Where(folder => File.Exists(Path.Combine(folder, "frontier.sqlite")))
            .SelectMany(folder => SourceYields.OfCrawl(recipe, folder));
        foreach (var group in perTask.GroupBy(y => (y.Kind, y.Source)))
        {
            var pages = group.Sum(y => y.Pages);
            var problem = pages > 0 ? null
                : group.Select(y => y.Problem).FirstOrDefault(p => p is not null && p != "never fetched") ?? group.First().Problem;
            yield return new SourceYield(group.Key.Kind, group.Key.Source, pages, problem);
        }
        foreach (var entry in recipe.Sources.Warc)
        {
            var files = WarcPageSource.Expand([entry], recipe.ResolvePath);
            var pages = files.Sum(f => pagesByWarc.GetValueOrDefault(Path.GetFileName(f)));
            yield return new SourceYield("warc", entry, pages, pages == 0 ? $"{files.Count} file(s) with no HTTP response record" : null);
        }
    }
}
