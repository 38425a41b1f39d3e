using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Warc;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

/// <summary>
/// Runs the real <c>corpus crawl</c> as a child process, kills it with SIGKILL at random points, restarts it, and
/// compares the final frontier and the documents in its WARC files with an uninterrupted crawl of the same site.
/// </summary>
public sealed class KillAndResumeTests
{
    private const int Listed = 60;

    private static void WriteSite(string dir)
    {
        Directory.CreateDirectory(Path.Combine(dir, "site", "news"));
        // A small crawl-delay stretches the crawl over a few seconds so the kills land mid-crawl.
        File.WriteAllText(Path.Combine(dir, "site", "robots.txt"), "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.04\nSitemap: http://killsite.test/sitemap.xml\n");
        var sitemap = new StringBuilder("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (var i = 0; i < 2 * Listed; i++)
        {
            // Listed pages link to one unlisted page each (found at depth 1), to a missing page and to a disallowed one.
            var links = i < Listed ? $"<a href=\"/news/p{i + Listed:000}.html\">next</a> <a href=\"/news/gone{i % 3}.html\">gone</a> <a href=\"/private/p{i % 2}.html\">private</a>" : "";
            File.WriteAllText(Path.Combine(dir, "site", "news", $"p{i:000}.html"),
                $"<html><head><meta charset=\"utf-8\"><title>Page {i}</title></head><body><article><p>Story number {i}. {links}</p></article></body></html>");
            if (i < Listed) sitemap.Append($"<url><loc>http://killsite.test/news/p{i:000}.html</loc></url>");
        }
        File.WriteAllText(Path.Combine(dir, "site", "sitemap.xml"), sitemap.Append("</urlset>").ToString());
        File.WriteAllText(Path.Combine(dir, "corpus.yaml"), """
            name: killtest
            version: 1.0.0
            sources:
              serve:
                - dir: site
                  host: killsite.test
              sitemaps: [http://killsite.test/sitemap.xml]
            crawl:
              allowed_hosts: [killsite.test]
              max_depth: 1
              concurrency: 2
            """);
    }

    [Fact]
    public async Task A_crawl_killed_at_random_points_and_restarted_ends_like_an_uninterrupted_one()
    {
        using var dir = new TempDir();
        WriteSite(dir.Path);
        var recipe = RecipeLoader.Load(dir.File("corpus.yaml"));

        var reference = dir.File("reference");
        await CrawlSource.RunCrawlAsync(recipe, reference, false, null, "test", null, CancellationToken.None);

        var resumed = dir.File("resumed");
        var random = new Random();
        var kills = 0;
        Dictionary<string, FrontierEntry>? doneBeforeLastKill = null;
        for (var run = 0; run < 3; run++)
        {
            using var child = StartCrawl(dir.File("corpus.yaml"), resumed);
            var exited = await WaitAsync(child, TimeSpan.FromMilliseconds(random.Next(700, 3000)));
            if (exited) break;
            child.Kill();   // SIGKILL: no cleanup of any kind runs in the child
            await child.WaitForExitAsync();
            kills++;
            using var frontier = new CrawlFrontier(Path.Combine(resumed, "frontier.sqlite"));
            doneBeforeLastKill = frontier.All().Where(e => e.State == UrlState.Done && e.Kind == UrlKind.Page).ToDictionary(e => e.Url);
        }
        using (var last = StartCrawl(dir.File("corpus.yaml"), resumed))
        {
            Assert.True(await WaitAsync(last, TimeSpan.FromMinutes(2)), "the resumed crawl did not finish");
            Assert.True(last.ExitCode == 0, await last.StandardError.ReadToEndAsync());
        }
        Assert.True(kills > 0, "the crawl finished before it could be killed");

        var expected = States(reference);
        var actual = States(resumed);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (url, state) in expected) Assert.Equal(state, actual[url]);
        Assert.Equal(2 * Listed + 3 + 2, expected.Count(kv => kv.Value.StartsWith(UrlKind.Page)));

        // The same documents, each exactly once: nothing lost, nothing archived twice.
        var expectedDocs = await Documents(reference);
        var actualDocs = await Documents(resumed);
        Assert.Equal(expectedDocs, actualDocs);

        // Pages that were done at the last kill kept their WARC record: they were not fetched again.
        var final = new CrawlFrontier(Path.Combine(resumed, "frontier.sqlite"));
        using (final)
        {
            var now = final.All().ToDictionary(e => e.Url);
            foreach (var (url, before) in doneBeforeLastKill ?? [])
                Assert.Equal((before.WarcFile, before.WarcOffset, 1), (now[url].WarcFile, now[url].WarcOffset, now[url].Attempts));
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(resumed, "warc"), "*.open"));
    }

    private static Dictionary<string, string> States(string crawlDir)
    {
        using var frontier = new CrawlFrontier(Path.Combine(crawlDir, "frontier.sqlite"));
        return frontier.All().ToDictionary(e => e.Url, e => $"{e.Kind} {e.State} {e.Depth} {e.LastError}");
    }

    private static async Task<List<string>> Documents(string crawlDir)
    {
        var pages = await new WarcPageSource(WebCrawler.WarcFiles(Path.Combine(crawlDir, "warc"))).ReadAsync(CancellationToken.None).ToListAsync();
        return pages.Select(p => $"{p.Url} {p.Status} {p.Error} {Convert.ToHexString(SHA256.HashData(p.Body.Span))}").Order(StringComparer.Ordinal).ToList();
    }

    private static Process StartCrawl(string recipe, string outDir)
    {
        var corpusDll = Path.Combine(AppContext.BaseDirectory, "corpus.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { corpusDll, "crawl", recipe, "--out", outDir, "--progress-seconds", "0.5" }) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task<bool> WaitAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
