using System.Text.Json.Nodes;
using Corpus.Core.Recipes;
using Corpus.Crawling;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Warc;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

/// <summary>
/// Whole crawls through the recipe (guard on, hosts mapped by <c>crawl.resolve</c>): the <c>crawl.linked_feeds</c>
/// switch both ways, and binary bytes served as HTML ending as failed pages that extract to nothing.
/// </summary>
public sealed class LinkedFeedsAndSniffingCrawlTests
{
    private static async Task<Dictionary<string, FrontierEntry>> CrawlAsync(MisbehavingServer server, string dir, string seeds, string extra = "")
    {
        var recipe = RecipeLoader.Parse($$"""
            name: crawltest
            version: 1.0.0
            sources:
              seeds: [{{seeds}}]
            crawl:
              allowed_hosts: [feeds.test]
              min_delay_ms: 0
              retries: 0
              max_depth: 2
              resolve: {"feeds.test": "{{server.EndPoint}}"}
            {{extra}}
            """, "corpus.yaml");
        var options = CrawlOptions.FromRecipe(recipe, "test");
        Assert.False(options.Fetch.AllowPrivateNetworks);
        await CrawlSource.RunCrawlAsync(recipe, dir, false, null, "test", null, CancellationToken.None);
        using var frontier = new CrawlFrontier(Path.Combine(dir, "frontier.sqlite"));
        return frontier.All().ToDictionary(e => e.Url[("http://feeds.test".Length)..]);
    }

    private static MisbehavingServer FeedSite()
    {
        var s = new MisbehavingServer();
        s.On("feeds.test/robots.txt", CannedResponse.Html("User-agent: *\nAllow: /\nSitemap: http://feeds.test/robots-sitemap.xml\n", "text/plain"));
        s.On("feeds.test/robots-sitemap.xml", CannedResponse.Html(
            """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://feeds.test/from-robots.html</loc></url></urlset>""", "application/xml"));
        s.On("feeds.test/hub.html", CannedResponse.Html(MisbehavingCrawl.HubPage.Replace("site.test", "feeds.test")));
        s.On("feeds.test/feed2.xml", CannedResponse.Html(
            """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><link>/hub-a.html</link></item></channel></rss>""", "application/rss+xml"));
        s.On("feeds.test/news/rss.xml", CannedResponse.Html(
            """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="/hub-b.html"/></entry></feed>""", "application/atom+xml"));
        s.On("feeds.test/sitemap-hub.xml", CannedResponse.Html(
            """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://feeds.test/hub-c.html</loc></url></urlset>""", "application/xml"));
        s.On("feeds.test/latest", CannedResponse.Html(
            """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>d</title><link>/hub-d.html</link></item></channel></rss>""", "application/rss+xml"));
        foreach (var p in new[] { "hub-a", "hub-b", "hub-c", "hub-d", "from-robots" }) s.On($"feeds.test/{p}.html", CannedResponse.Html($"<p>{p}</p>"));
        return s;
    }

    [Fact]
    public async Task With_linked_feeds_on_by_default_linked_feeds_and_sitemaps_are_read_as_such_and_with_it_off_they_are_not()
    {
        await using var server = FeedSite();
        using var dir = new TempDir();
        var on = await CrawlAsync(server, dir.File("on"), "http://feeds.test/hub.html, http://feeds.test/latest");
        var fetchedOn = server.Seen.Select(r => r.Path).ToList();
        var off = await CrawlAsync(server, dir.File("off"), "http://feeds.test/hub.html, http://feeds.test/latest", "  linked_feeds: false");
        var fetchedOff = server.Seen.Select(r => r.Path).Skip(fetchedOn.Count).ToList();

        // On (the default): <link rel=alternate>, an anchor to rss.xml and <link rel=sitemap> are read, and their items crawled.
        Assert.Equal((UrlKind.Feed, UrlState.Done), (on["/feed2.xml"].Kind, on["/feed2.xml"].State));
        Assert.Equal((UrlKind.Feed, UrlState.Done), (on["/news/rss.xml"].Kind, on["/news/rss.xml"].State));
        Assert.Equal((UrlKind.Sitemap, UrlState.Done), (on["/sitemap-hub.xml"].Kind, on["/sitemap-hub.xml"].State));
        // A seed that answers with a feed is read as one.
        Assert.Equal((UrlKind.Feed, UrlState.Done), (on["/latest"].Kind, on["/latest"].State));
        foreach (var p in new[] { "/hub-a.html", "/hub-b.html", "/hub-c.html", "/hub-d.html" }) Assert.Equal(UrlState.Done, on[p].State);
        Assert.Contains("/news/rss.xml", fetchedOn);

        // Off: the feeds and sitemaps the page links are left alone (neither queued nor fetched), so the items behind
        // them are never found, and a seed answering with a feed is refused for its type like any page.
        Assert.DoesNotContain(off.Values, e => e.Kind == UrlKind.Feed);
        foreach (var linked in new[] { "/feed2.xml", "/news/rss.xml", "/sitemap-hub.xml" })
        {
            Assert.False(off.ContainsKey(linked), linked);
            Assert.DoesNotContain(linked, fetchedOff);
        }
        foreach (var p in new[] { "/hub-a.html", "/hub-b.html", "/hub-c.html", "/hub-d.html" }) Assert.False(off.ContainsKey(p), p);
        Assert.Equal((UrlKind.Page, UrlState.Failed), (off["/latest"].Kind, off["/latest"].State));
        Assert.Contains("content-type application/rss+xml is not accepted", off["/latest"].LastError);
        Assert.Equal(UrlState.Done, off["/hub.html"].State);

        // robots.txt's Sitemap: lines have their own switch (crawl.robots_sitemaps) and are read either way.
        foreach (var states in new[] { on, off })
        {
            Assert.Equal((UrlKind.Sitemap, UrlState.Done), (states["/robots-sitemap.xml"].Kind, states["/robots-sitemap.xml"].State));
            Assert.Equal(UrlState.Done, states["/from-robots.html"].State);
        }
    }

    [Fact]
    public async Task Png_and_pdf_bytes_served_as_html_end_as_failed_pages_with_fetch_not_html_and_extract_to_nothing()
    {
        await using var server = new MisbehavingServer();
        server.On("feeds.test/robots.txt", new CannedResponse(404, []));
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89];
        // Both hold text an extractor would keep if it read them as HTML.
        var text = "<p>" + string.Join(' ', Enumerable.Repeat("words an extractor would keep as an article paragraph", 20)) + "</p>";
        server.On("feeds.test/photo.html", new CannedResponse(200, [.. png, .. System.Text.Encoding.ASCII.GetBytes(text)], ("Content-Type", "text/html; charset=utf-8")));
        server.On("feeds.test/paper.html", new CannedResponse(200, System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n" + text), ("Content-Type", "text/html")));
        server.On("feeds.test/article.html", CannedResponse.Html($"<html><head><title>An article</title></head><body><article><h1>An article</h1>{text}</article></body></html>"));
        using var dir = new TempDir();
        var states = await CrawlAsync(server, dir.File("crawl"), "http://feeds.test/photo.html, http://feeds.test/paper.html, http://feeds.test/article.html");

        Assert.Equal(UrlState.Failed, states["/photo.html"].State);
        Assert.StartsWith("fetch.not_html: the body of http://feeds.test/photo.html is image/png by its bytes although served as text/html", states["/photo.html"].LastError);
        Assert.Equal(UrlState.Failed, states["/paper.html"].State);
        Assert.StartsWith("fetch.not_html: the body of http://feeds.test/paper.html is application/pdf by its bytes although served as text/html", states["/paper.html"].LastError);
        Assert.Equal(UrlState.Done, states["/article.html"].State);

        // Archived as they came, and the build's extraction of the WARC makes failed documents of them with no text.
        var warc = Path.Combine(dir.File("crawl"), "warc");
        var records = WebCrawler.WarcFiles(warc).SelectMany(WarcReader.Read).ToList();
        Assert.Single(records, r => r.Type == "response" && r.TargetUri == "http://feeds.test/photo.html");
        var result = await CliRunner.RunAsync("extract", warc);
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())
            .ToDictionary(j => (string)j["url"]!);
        foreach (var (url, type) in new[] { ("http://feeds.test/photo.html", "image/png"), ("http://feeds.test/paper.html", "application/pdf") })
        {
            var doc = lines[url];
            Assert.Equal("failed", (string?)doc["disposition"]);
            Assert.Contains($"fetch.not_html: the body of {url} is {type}", (string?)doc["error"]);
            Assert.True(string.IsNullOrEmpty((string?)doc["text"]), (string?)doc["text"]);
        }
        Assert.Contains("words an extractor would keep", (string?)lines["http://feeds.test/article.html"]["text"]);
        Assert.Contains("3 pages from 1 WARC file(s)", result.Error);
        Assert.Contains("failed 2", result.Error);
    }
}
