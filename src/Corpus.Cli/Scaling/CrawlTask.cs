using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Crawling.Crawler;

namespace Corpus.Cli.Scaling;

/// <summary>Stage <c>crawl-R</c>, task i of N: round R of the crawl of the hosts task i owns.</summary>
public static class CrawlTask
{
    public static string Root(WorkFolder work) => Path.Combine(work.Root, "crawl");

    public static IReadOnlyList<string> WarcFiles(WorkFolder work, int task) =>
        WebCrawler.WarcFiles(Path.Combine(Root(work), $"task-{task:D3}", "warc"));

    public static Task RunAsync(TaskContext context, Recipe recipe, int round, CancellationToken ct) =>
        throw new NotSupportedException("partitioned crawl rounds are not wired yet");
}
