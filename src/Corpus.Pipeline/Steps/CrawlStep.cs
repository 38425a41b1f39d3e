using Corpus.Core.Recipes;
using Corpus.Core.Tasks;
using Corpus.Crawling.Scaling;

namespace Corpus.Pipeline.Steps;

/// <summary>
/// Stage <c>crawl-R</c>, task i of N: round R of the crawl of the hosts task i owns (see <see cref="PartitionedCrawl"/>).
/// Unlike the other stages a killed crawl task does not start over: its SQLite frontier resumes it, so pages already
/// archived are not fetched again from a site that asked to be visited slowly.
/// </summary>
public static class CrawlStep
{
    public static string Root(WorkFolder work) => Path.Combine(work.Root, "crawl");

    public static IReadOnlyList<string> WarcFiles(WorkFolder work, int task) => PartitionedCrawl.WarcFiles(Root(work), task);

    public static async Task RunAsync(TaskContext context, Recipe recipe, int round, CancellationToken ct)
    {
        var summary = await PartitionedCrawl.RunRoundAsync(recipe, Root(context.Work), round, context.Task, context.Tasks,
            clock: null, software: $"Corpus/{context.Plan.ToolVersion}", ct);
        await context.Log.WriteLineAsync($"round {round}: received {summary.Received} URL(s), handed over {summary.HandedOver}; " +
            $"so far {summary.Fetched} done, {summary.Failed} failed, {summary.WarcFiles.Count} WARC file(s)");
        context.Count("received", summary.Received);
        context.Count("handed_over", summary.HandedOver);
        context.Count("urls_done_so_far", summary.Fetched);
        context.Count("urls_failed_so_far", summary.Failed);
        context.Checkpoint();
    }

    /// <summary>
    /// URLs the last round handed over that no round fetched (their owner's frontier does not know them): the links
    /// a further round would follow. Reads every task's frontier, so only once every crawl task is done.
    /// </summary>
    public static long LeftAfterLastRound(WorkFolder work, WorkPlan plan) =>
        PartitionedCrawl.PendingHandover(Root(work), plan.Stages.Count(s => s.Name.StartsWith(BuildPlan.CrawlPrefix, StringComparison.Ordinal)), plan.Tasks);
}
