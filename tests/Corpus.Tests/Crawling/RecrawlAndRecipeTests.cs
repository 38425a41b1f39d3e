using Corpus.Core.Recipes;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Warc;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

public sealed class RecrawlAndRecipeTests
{
    [Fact]
    public async Task A_recrawl_asks_conditionally_and_a_304_is_archived_as_a_revisit_not_a_new_page()
    {
        await using var server = new MisbehavingServer();
        server.On("cond.test/a.html", _ => server.Seen.LastOrDefault(r => r.Path == "/a.html")?.Headers.GetValueOrDefault("If-None-Match") == "\"v1\""
            ? new CannedResponse(304, [], ("ETag", "\"v1\""))
            : new CannedResponse(200, "<p>a</p>"u8.ToArray(), ("Content-Type", "text/html"), ("ETag", "\"v1\""), ("Last-Modified", "Tue, 02 Jan 2024 03:04:05 GMT")));
        using var dir = new TempDir();
        var options = TestCrawl.Options(["cond.test"]) with { Seeds = ["http://cond.test/a.html"] };

        await new WebCrawler(options, dir.Path, server.Map("cond.test")).RunAsync();
        var crawler = new WebCrawler(options, dir.Path, server.Map("cond.test"));
        await crawler.RunAsync(recrawl: true);

        var requests = server.Seen.Where(r => r.Path == "/a.html").ToList();
        Assert.Equal(2, requests.Count);
        Assert.False(requests[0].Headers.ContainsKey("If-None-Match"));
        Assert.Equal("\"v1\"", requests[1].Headers["If-None-Match"]);
        Assert.Equal("Tue, 02 Jan 2024 03:04:05 GMT", requests[1].Headers["If-Modified-Since"]);

        var records = WebCrawler.WarcFiles(crawler.WarcDirectory).SelectMany(WarcReader.Read).ToList();
        var revisit = Assert.Single(records, r => r.Type == "revisit" && r["WARC-Profile"]!.EndsWith("server-not-modified"));
        // The revisit names the response it confirms, so replay tools can resolve it, and has its request beside it.
        var original = records.Single(r => r.Type == "response" && r.TargetUri == "http://cond.test/a.html");
        Assert.Equal(original["WARC-Record-ID"], revisit["WARC-Refers-To"]);
        Assert.Equal("http://cond.test/a.html", revisit["WARC-Refers-To-Target-URI"]);
        Assert.Equal(original["WARC-Date"], revisit["WARC-Refers-To-Date"]);
        Assert.Equal(original["WARC-Payload-Digest"], revisit["WARC-Payload-Digest"]);
        Assert.Single(records, r => r.Type == "request" && r["WARC-Concurrent-To"] == revisit["WARC-Record-ID"]);
        var pages = await new WarcPageSource(WebCrawler.WarcFiles(crawler.WarcDirectory)).ReadAsync(default).ToListAsync();
        Assert.Single(pages);
        using var frontier = new CrawlFrontier(crawler.FrontierPath);
        var entry = frontier.All().Single(e => e.Url == "http://cond.test/a.html");
        Assert.Equal(UrlState.Done, entry.State);
        Assert.Equal((pages[0].WarcFile, pages[0].WarcOffset), (entry.WarcFile, entry.WarcOffset));
    }

    [Fact]
    public async Task A_crawl_stopped_midway_reports_on_resume_how_many_urls_it_had_left_unfinished()
    {
        await using var server = new MisbehavingServer();
        using var stop = new CancellationTokenSource();
        for (var i = 0; i < 10; i++)
        {
            var page = CannedResponse.Html($"<p>page {i}</p>");
            // The crawl is stopped the moment the fourth page is asked for: a deterministic interruption.
            server.On($"resume.test/p{i}.html", i == 3 ? _ => { stop.Cancel(); return page; } : _ => page);
        }
        using var dir = new TempDir();
        var options = TestCrawl.Options(["resume.test"]) with
        {
            Seeds = Enumerable.Range(0, 10).Select(i => $"http://resume.test/p{i}.html").ToList(),
            PerHostConcurrency = 1,
        };

        var first = new WebCrawler(options, dir.Path, server.Map("resume.test"));
        try
        {
            await first.RunAsync(ct: stop.Token);
        }
        catch (OperationCanceledException)
        {
            // The stop is the point of the test.
        }
        int unfinished;
        using (var frontier = new CrawlFrontier(first.FrontierPath))
            unfinished = frontier.All().Count(e => e.State is UrlState.Queued or UrlState.InFlight);
        Assert.InRange(unfinished, 1, 10);

        var resumed = await new WebCrawler(options, dir.Path, server.Map("resume.test")).RunAsync();
        Assert.Equal(unfinished, resumed.Requeued);
        Assert.Equal(10, resumed.PagesDone);

        // A run on a finished crawl has nothing left over.
        var again = await new WebCrawler(options, dir.Path, server.Map("resume.test")).RunAsync();
        Assert.Equal(0, again.Requeued);
        Assert.Equal(10, again.PagesDone);
    }

    [Theory]
    [InlineData("  max_redirects: 9", "crawl.max_redirects")]
    [InlineData("  include_patterns: ['(unclosed']", "crawl.include_patterns")]
    [InlineData("  content_types: [html]", "crawl.content_types")]
    [InlineData("  per_host_concurrency: 0", "crawl.per_host_concurrency")]
    [InlineData("  max_decoded_mb: 1\n  max_body_mb: 5", "crawl.max_decoded_mb")]
    [InlineData("  robots_delay: 3", "unknown key 'robots_delay'")]
    public void Crawl_keys_are_validated_with_their_line(string line, string expected)
    {
        var text = $"name: t\nversion: 1.0.0\nsources:\n  seeds: [http://a.test/]\ncrawl:\n{line}\n";
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(text, "corpus.yaml"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("line 6", e.Message);
    }

    [Fact]
    public void The_sample_recipe_turns_into_crawl_options_with_no_delay_for_its_own_served_site()
    {
        var recipe = RecipeLoader.Load(RepoPaths.SampleRecipe);
        var options = CrawlOptions.FromRecipe(recipe, "test");
        Assert.Contains("kabarnusantara.test", options.NoDelayHosts);
        Assert.Equal("CorpusBot/0.1 (+https://example.org/corpus-bot)", options.Fetch.UserAgent);
        Assert.False(options.Fetch.AllowPrivateNetworks); // the served site is mapped as trusted; the guard stays on for every other host
        Assert.Equal(5, options.Fetch.MaxRedirects);
        Assert.Null(options.OutOfScope("http://kabarnusantara.test/a.html"));
        Assert.Contains("not in crawl.allowed_hosts", options.OutOfScope("http://other.test/a.html"));
    }
}
