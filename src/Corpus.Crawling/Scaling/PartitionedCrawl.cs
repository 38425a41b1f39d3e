using System.Globalization;
using Corpus.Core;
using Corpus.Core.Recipes;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Frontier;

namespace Corpus.Crawling.Scaling;

/// <summary>
/// A crawl split over N tasks that may run on different machines, in rounds, under one folder on shared storage:
/// <code>
/// crawlRoot/partition.txt                              the task count the folder was started with
/// crawlRoot/task-TTT/frontier.sqlite, warc/            one crawl folder per task, kept across rounds
/// crawlRoot/handover/round-RRR/to-TTT/from-SSS.tsv     URLs task SSS found in round RRR-1 on hosts task TTT owns
/// </code>
/// Each host has exactly one owner (<see cref="HostPartition"/>), so per-host politeness (delay, Crawl-delay,
/// Retry-After, one robots.txt) holds however many tasks run. A round crawls everything a task can reach on its own
/// hosts; links to other tasks' hosts wait in its frontier's handover table and are exported at the end of the round
/// for the owner's next round. <c>crawl.max_pages</c> applies to each task separately.
/// </summary>
public static class PartitionedCrawl
{
    private const string PartitionFile = "partition.txt";

    /// <summary>
    /// Runs round <paramref name="round"/> (0-based) of crawl task <paramref name="task"/> of <paramref name="tasks"/> under
    /// <paramref name="crawlRoot"/>. Round 0 starts from the recipe's seeds, sitemaps and feeds on hosts this task owns;
    /// a later round first adds the URLs handed to it by every task's previous round. Discovered URLs on other tasks'
    /// hosts are not fetched: they are kept in the frontier (in the transaction that completes the page revealing them,
    /// so a <c>kill -9</c> loses none) and exported at the end of the round to
    /// <c>handover/round-(r+1)/to-OWNER/from-TTT.tsv</c>. Re-running a round after a kill resumes from the frontier;
    /// re-running a finished round fetches nothing, adds no WARC record and writes the same handover files.
    /// The recipe's <c>sources.serve</c> sites are served during the round as in a one-process crawl, and
    /// <c>crawl.max_pages</c> limits each task, not the whole crawl.
    /// </summary>
    public static Task<CrawlRoundSummary> RunRoundAsync(Recipe recipe, string crawlRoot, int round, int task, int tasks, TimeProvider? clock,
        string software, CancellationToken ct) =>
        RunRoundAsync(recipe, crawlRoot, round, task, tasks, clock, software, null, ct);

    /// <summary>As above; <paramref name="started"/> gets the running crawler (for a progress display).</summary>
    public static async Task<CrawlRoundSummary> RunRoundAsync(Recipe recipe, string crawlRoot, int round, int task, int tasks, TimeProvider? clock,
        string software, Action<WebCrawler>? started, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        CheckTask(task, tasks);
        RecordTaskCount(crawlRoot, tasks);

        var received = round == 0 ? [] : HandoverFile.ReadFolder(InboxFolder(crawlRoot, round, task)).DistinctBy(u => u.Url).ToList();
        var options = CrawlOptions.FromRecipe(recipe, software) with
        {
            OwnsHost = host => HostPartition.Owner(host, tasks) == task,
            ExtraStartUrls = received,
        };
        var crawl = await CrawlSource.RunCrawlAsync(recipe, options, TaskFolder(crawlRoot, task), recrawl: false, clock, started, ct);

        IReadOnlyList<NewUrl> handedOver;
        using (var frontier = new CrawlFrontier(Path.Combine(TaskFolder(crawlRoot, task), "frontier.sqlite")))
            handedOver = frontier.SealHandover(round + 1);
        foreach (var group in handedOver.GroupBy(u => HostPartition.OwnerOfUrl(u.Url, tasks)))
            HandoverFile.Write(Path.Combine(InboxFolder(crawlRoot, round + 1, group.Key), $"from-{Number(task)}{HandoverFile.Extension}"), group);

        return new CrawlRoundSummary(round, task, crawl.Done, crawl.Failed, handedOver.Count, received.Count, WarcFiles(crawlRoot, task));
    }

    /// <summary>The closed WARC files of a task's crawl folder, in name order (what the process stage of task <paramref name="task"/> reads).</summary>
    public static IReadOnlyList<string> WarcFiles(string crawlRoot, int task) =>
        WebCrawler.WarcFiles(Path.Combine(TaskFolder(crawlRoot, task), "warc"));

    /// <summary>
    /// How many URLs handed over to round <paramref name="round"/> their owner does not hold yet: after the last round
    /// (pass the number of rounds run), the URLs left for a further round. Call it when no task is running: it opens
    /// each task's frontier.
    /// </summary>
    public static long PendingHandover(string crawlRoot, int round, int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        long pending = 0;
        for (var task = 0; task < tasks; task++)
        {
            var urls = HandoverFile.ReadFolder(InboxFolder(crawlRoot, round, task)).Select(u => u.Url).Distinct().ToList();
            if (urls.Count == 0) continue;
            var frontierPath = Path.Combine(TaskFolder(crawlRoot, task), "frontier.sqlite");
            if (!File.Exists(frontierPath))
            {
                pending += urls.Count;
                continue;
            }
            using var frontier = new CrawlFrontier(frontierPath);
            pending += frontier.CountUnknown(urls);
        }
        return pending;
    }

    /// <summary>The crawl folder task <paramref name="task"/> keeps across rounds.</summary>
    public static string TaskFolder(string crawlRoot, int task) => Path.Combine(crawlRoot, $"task-{Number(task)}");

    /// <summary>Where round <paramref name="round"/> of task <paramref name="task"/> finds the URLs handed to it.</summary>
    public static string InboxFolder(string crawlRoot, int round, int task) =>
        Path.Combine(crawlRoot, "handover", $"round-{Number(round)}", $"to-{Number(task)}");

    private static string Number(int n) => n.ToString("000", CultureInfo.InvariantCulture);

    private static void CheckTask(int task, int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(task);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(task, tasks);
    }

    /// <summary>
    /// Host ownership depends on the task count, so a folder started with N tasks must go on with N: with another
    /// count, hosts would change owners and be crawled twice (breaking politeness) or never.
    /// </summary>
    private static void RecordTaskCount(string crawlRoot, int tasks)
    {
        var path = Path.Combine(crawlRoot, PartitionFile);
        var line = $"tasks {tasks.ToString(CultureInfo.InvariantCulture)}";
        if (File.Exists(path))
        {
            var recorded = File.ReadAllText(path).Trim();
            if (recorded != line)
                throw new CorpusUserException($"{path} says the crawl in {crawlRoot} was started with '{recorded}', not {tasks}: " +
                    "run it with the same task count, or start a new crawl folder.");
            return;
        }
        Directory.CreateDirectory(crawlRoot);
        // Tasks of round 0 may start together: each writes its own temporary file, and they all write the same line.
        var tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(tmp, line + "\n");
        File.Move(tmp, path, overwrite: true);
    }
}
