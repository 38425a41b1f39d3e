using System.Security.Cryptography;
using Corpus.Core;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Scaling;
using Corpus.Crawling.Warc;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

/// <summary>
/// Five loopback hosts linking to each other, crawled once by one crawler and once as three tasks in rounds: the
/// same pages with the same bytes, each host fetched by its one owner, cross-task links handed over through files.
/// </summary>
public sealed class PartitionedCrawlTests
{
    private const int Tasks = 3;
    // Owners for three tasks (see HostPartitionTests): a, b -> 0; c -> 1; d, e -> 2.
    private static readonly string[] Hosts = ["a.test", "b.test", "c.test", "d.test", "e.test"];

    private static string Page(string title, params string[] links) =>
        $"<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><article><p>{title}. " +
        string.Concat(links.Select(l => $"<a href=\"{l}\">link</a> ")) + "</p></article></body></html>";

    private static string Sitemap(params string[] urls) =>
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" +
        string.Concat(urls.Select(u => $"<url><loc>{u}</loc></url>")) + "</urlset>";

    /// <summary>
    /// The longest chain across tasks: c's robots.txt names d's sitemap (round 0, task 1), c2 links to e1 (round 1,
    /// task 2), e1 links to a/from-e.html (round 2, task 0). Three rounds reach everything.
    /// </summary>
    private static Recipe WriteSite(string dir, string aRobots = "")
    {
        void Put(string host, string path, string text)
        {
            var file = Path.Combine(dir, host, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
        if (aRobots.Length > 0) Put("a.test", "robots.txt", aRobots);
        Put("a.test", "index.html", Page("A home", "/a1.html", "http://b.test/index.html", "http://c.test/c1.html"));
        Put("a.test", "a1.html", Page("A one", "/index.html", "/missing.html"));
        Put("a.test", "from-e.html", Page("A reached from E"));
        Put("b.test", "index.html", Page("B home", "/b1.html", "http://d.test/index.html"));
        Put("b.test", "b1.html", Page("B one"));
        Put("c.test", "robots.txt", "User-agent: *\nAllow: /\nSitemap: http://d.test/sitemap.xml\n");
        Put("c.test", "sitemap.xml", Sitemap("http://c.test/c1.html", "http://c.test/c2.html"));
        Put("c.test", "c1.html", Page("C one", "http://a.test/a1.html"));
        Put("c.test", "c2.html", Page("C two", "http://e.test/e1.html"));
        Put("d.test", "index.html", Page("D home", "/d1.html", "http://e.test/e2.html"));
        Put("d.test", "d1.html", Page("D one"));
        Put("d.test", "d2.html", Page("D two"));
        Put("d.test", "sitemap.xml", Sitemap("http://d.test/d2.html"));
        Put("e.test", "e1.html", Page("E one", "http://a.test/from-e.html"));
        Put("e.test", "e2.html", Page("E two"));
        var serve = string.Concat(Hosts.Select(h => $"    - dir: {h}\n      host: {h}\n"));
        File.WriteAllText(Path.Combine(dir, "corpus.yaml"), $"""
            name: parttest
            version: 1.0.0
            sources:
              serve:
            {serve}  seeds: [http://a.test/index.html]
              sitemaps: [http://c.test/sitemap.xml]
            crawl:
              allowed_hosts: [a.test, b.test, c.test, d.test, e.test]
              max_depth: 10
              concurrency: 2
            """);
        return RecipeLoader.Load(Path.Combine(dir, "corpus.yaml"));
    }

    [Fact]
    public async Task Three_tasks_in_rounds_fetch_the_same_pages_as_one_crawler_each_host_by_its_one_owner()
    {
        using var dir = new TempDir();
        var recipe = WriteSite(dir.Path);
        Assert.Equal([0, 0, 1, 2, 2], Hosts.Select(h => HostPartition.Owner(h, Tasks)));

        var single = await CrawlSource.RunCrawlAsync(recipe, dir.File("single"), false, null, "test", null, CancellationToken.None);

        var root = dir.File("partitioned");
        var summaries = new List<CrawlRoundSummary>();
        long[] pendingAfter = new long[3];
        for (var round = 0; round < 3; round++)
        {
            for (var task = 0; task < Tasks; task++)
                summaries.Add(await PartitionedCrawl.RunRoundAsync(recipe, root, round, task, Tasks, null, "test", CancellationToken.None));
            pendingAfter[round] = PartitionedCrawl.PendingHandover(root, round + 1, Tasks);
        }

        // Too few rounds leave URLs for a further one: d/index, d/sitemap.xml and e1 after round 0; a/from-e after round 1.
        Assert.Equal([3L, 1L, 0L], pendingAfter);
        Assert.Equal((2, 0), Summary(summaries, 0, 0));   // c1 to task 1, d/index to task 2
        Assert.Equal((3, 0), Summary(summaries, 0, 1));   // a1 to task 0, d/sitemap.xml and e1 to task 2
        Assert.Equal((1, 3), Summary(summaries, 1, 2));   // received three, handed a/from-e to task 0
        Assert.Equal((0, 1), Summary(summaries, 2, 0));

        // The same page documents with the same bytes, each exactly once, and the same discovery responses.
        var allTaskFiles = Enumerable.Range(0, Tasks).SelectMany(t => PartitionedCrawl.WarcFiles(root, t)).ToList();
        Assert.Equal(await Documents(single.WarcFiles), await Documents(allTaskFiles));
        Assert.Equal(13, (await Documents(single.WarcFiles)).Count);
        Assert.Equal(Responses(single.WarcFiles), Responses(allTaskFiles));

        // Every host was asked by exactly one task, its owner.
        var hostsByTask = Enumerable.Range(0, Tasks).Select(t => RequestedHosts(PartitionedCrawl.WarcFiles(root, t))).ToList();
        Assert.Equal(Hosts, hostsByTask.SelectMany(h => h).Order(StringComparer.Ordinal));
        for (var t = 0; t < Tasks; t++)
            Assert.All(hostsByTask[t], h => Assert.Equal(t, HostPartition.Owner(h, Tasks)));

        // A link from task 0's host to task 1's host went into the handover file, not into task 0's WARC.
        var toTask1 = HandoverFile.Read(Path.Combine(PartitionedCrawl.InboxFolder(root, 1, 1), "from-000.tsv")).ToList();
        var c1 = Assert.Single(toTask1);
        Assert.Equal(("http://c.test/c1.html", UrlKind.Page, 1, "http://a.test/index.html"), (c1.Url, c1.Kind, c1.Depth, c1.DiscoveredFrom));
        Assert.DoesNotContain(PartitionedCrawl.WarcFiles(root, 0).SelectMany(WarcReader.Read), r => r.TargetUri?.Contains("c.test") == true);
        // A robots.txt sitemap on another task's host is handed over as a sitemap.
        var toTask2 = HandoverFile.Read(Path.Combine(PartitionedCrawl.InboxFolder(root, 1, 2), "from-001.tsv")).ToList();
        Assert.Equal([("http://d.test/sitemap.xml", UrlKind.Sitemap), ("http://e.test/e1.html", UrlKind.Page)], toTask2.Select(u => (u.Url, u.Kind)));
    }

    [Fact]
    public async Task Re_running_finished_rounds_adds_no_warc_record_and_writes_the_same_handover_files()
    {
        using var dir = new TempDir();
        var recipe = WriteSite(dir.Path);
        var root = dir.File("partitioned");
        for (var round = 0; round < 3; round++)
            for (var task = 0; task < Tasks; task++)
                await PartitionedCrawl.RunRoundAsync(recipe, root, round, task, Tasks, null, "test", CancellationToken.None);
        var records = RecordCounts(root);
        var handover = HandoverFiles(root);
        Assert.Equal(5, handover.Count);

        for (var round = 0; round < 3; round++)
            for (var task = 0; task < Tasks; task++)
            {
                var again = await PartitionedCrawl.RunRoundAsync(recipe, root, round, task, Tasks, null, "test", CancellationToken.None);
                Assert.Equal(PartitionedCrawl.WarcFiles(root, task), again.WarcFiles);
            }

        Assert.Equal(records, RecordCounts(root));
        var rewritten = HandoverFiles(root);
        Assert.Equal(handover.Keys, rewritten.Keys);
        foreach (var (path, bytes) in handover) Assert.Equal(bytes, rewritten[path]);
        Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_round_cut_off_mid_way_and_run_again_loses_no_handed_over_url_and_archives_nothing_twice()
    {
        using var dir = new TempDir();
        // A Crawl-delay on a.test keeps task 0's first round going long after its first page, so the cut lands mid-round.
        var recipe = WriteSite(dir.Path, "User-agent: *\nCrawl-delay: 0.5\n");
        var single = await CrawlSource.RunCrawlAsync(recipe, dir.File("single"), false, null, "test", null, CancellationToken.None);

        var root = dir.File("partitioned");
        using (var cut = new CancellationTokenSource())
        {
            Corpus.Crawling.Crawler.WebCrawler? running = null;
            var first = PartitionedCrawl.RunRoundAsync(recipe, root, 0, 0, Tasks, null, "test", c => running = c, cut.Token);
            // Cut as soon as the first page (a.test/index.html, whose links to c.test and d.test are handed over) is done.
            while (!first.IsCompleted && (running is null || running.Status.Fetched < 1)) await Task.Delay(5);
            await cut.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }
        Assert.False(Directory.Exists(Path.Combine(root, "handover")), "the cut round exported its handover");

        for (var round = 0; round < 3; round++)
            for (var task = 0; task < Tasks; task++)
                await PartitionedCrawl.RunRoundAsync(recipe, root, round, task, Tasks, null, "test", CancellationToken.None);

        var allTaskFiles = Enumerable.Range(0, Tasks).SelectMany(t => PartitionedCrawl.WarcFiles(root, t)).ToList();
        Assert.Equal(await Documents(single.WarcFiles), await Documents(allTaskFiles));
        Assert.Equal(Responses(single.WarcFiles), Responses(allTaskFiles));
        Assert.Equal(0, PartitionedCrawl.PendingHandover(root, 3, Tasks));
    }

    [Fact]
    public async Task A_crawl_folder_refuses_a_changed_task_count()
    {
        using var dir = new TempDir();
        var recipe = WriteSite(dir.Path);
        var root = dir.File("partitioned");
        await PartitionedCrawl.RunRoundAsync(recipe, root, 0, 2, Tasks, null, "test", CancellationToken.None);
        var e = await Assert.ThrowsAsync<CorpusUserException>(() => PartitionedCrawl.RunRoundAsync(recipe, root, 0, 0, 2, null, "test", CancellationToken.None));
        Assert.Contains("tasks 3", e.Message);
    }

    [Fact]
    public void Handed_over_urls_are_committed_with_the_completion_and_sealed_into_stable_batches()
    {
        using var dir = new TempDir();
        var path = dir.File("frontier.sqlite");
        using (var frontier = new CrawlFrontier(path))
        {
            frontier.Add([new NewUrl("http://a.test/", UrlKind.Page, 0, null)]);
            frontier.Complete([new Completion { Url = "http://a.test/", State = UrlState.Done }], [], null, null,
                [new NewUrl("http://z.test/2", UrlKind.Page, 1, "http://a.test/"), new NewUrl("http://z.test/1", UrlKind.Feed, 0, "http://a.test/", 2, "2024-06-01")]);
        }
        // Reopened as after a kill: the handed-over URLs are there, never queued here.
        using (var frontier = new CrawlFrontier(path))
        {
            Assert.DoesNotContain(frontier.All(), e => e.Url.Contains("z.test"));
            var batch = frontier.SealHandover(1);
            Assert.Equal([new NewUrl("http://z.test/1", UrlKind.Feed, 0, "http://a.test/", 2, "2024-06-01"), new NewUrl("http://z.test/2", UrlKind.Page, 1, "http://a.test/")], batch);
            Assert.Equal(batch, frontier.SealHandover(1));
            frontier.HandOver([new NewUrl("http://z.test/3", UrlKind.Page, 1, null), new NewUrl("http://z.test/1", UrlKind.Page, 5, null)]);
            Assert.Equal(["http://z.test/3"], frontier.SealHandover(2).Select(u => u.Url));
            Assert.Equal(batch, frontier.SealHandover(1));
            Assert.Equal(1, frontier.CountUnknown(["http://a.test/", "http://z.test/1"]));
        }
    }

    [Fact]
    public void A_handover_file_reads_back_what_was_written_and_a_broken_line_is_named()
    {
        using var dir = new TempDir();
        var path = dir.File("to-001/from-000.tsv");
        NewUrl[] urls = [new("http://b.test/x", UrlKind.Page, 3, "http://a.test/", 0, null), new("http://a.test/s.xml", UrlKind.Sitemap, 0, null, 2, "2024-06-01")];
        HandoverFile.Write(path, urls);
        Assert.Equal(urls.OrderBy(u => u.Url, StringComparer.Ordinal), HandoverFile.ReadFolder(dir.File("to-001")));

        File.AppendAllText(path, "http://c.test/\tpage\tdeep\t0\t\t\n");
        var e = Assert.Throws<CorpusUserException>(() => HandoverFile.Read(path).ToList());
        Assert.Contains("line 4", e.Message);
        Assert.Contains(path, e.Message);

        HandoverFile.Write(path, urls);
        File.AppendAllText(path, "c.test/x\tpage\t1\t0\t\t\n");
        Assert.Contains("line 4", Assert.Throws<CorpusUserException>(() => HandoverFile.Read(path).ToList()).Message);
    }

    private static (int HandedOver, int Received) Summary(List<CrawlRoundSummary> summaries, int round, int task) =>
        summaries.Single(s => s.Round == round && s.Task == task) is var s ? (s.HandedOver, s.Received) : default;

    private static async Task<List<string>> Documents(IReadOnlyList<string> warcFiles)
    {
        var pages = await new WarcPageSource(warcFiles).ReadAsync(CancellationToken.None).ToListAsync();
        return pages.Select(p => $"{p.Url} {p.Status} {p.Error} {Convert.ToHexString(SHA256.HashData(p.Body.Span))}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every response as (URL, payload digest), discovery included; a later round asks robots.txt again, hence a set.</summary>
    private static SortedSet<string> Responses(IEnumerable<string> warcFiles) =>
        new(warcFiles.SelectMany(WarcReader.Read).Where(r => r.Type == "response").Select(r => $"{r.TargetUri} {r["WARC-Payload-Digest"]}"), StringComparer.Ordinal);

    private static SortedSet<string> RequestedHosts(IEnumerable<string> warcFiles) =>
        new(warcFiles.SelectMany(WarcReader.Read).Where(r => r.Type == "request").Select(r => new Uri(r.TargetUri!).Host), StringComparer.Ordinal);

    private static int[] RecordCounts(string root) =>
        Enumerable.Range(0, Tasks).Select(t => PartitionedCrawl.WarcFiles(root, t).SelectMany(WarcReader.Read).Count()).ToArray();

    private static SortedDictionary<string, byte[]> HandoverFiles(string root) =>
        new(Directory.GetFiles(Path.Combine(root, "handover"), "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes), StringComparer.Ordinal);
}
