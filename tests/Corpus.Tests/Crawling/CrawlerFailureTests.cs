using System.IO.Compression;
using System.Text;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Warc;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

/// <summary>
/// One crawl against a loopback server that misbehaves in every way the issue lists; each URL must end in a final
/// state with its reason, the WARC must give back the same pages, and the politeness gaps the server saw must hold.
/// </summary>
public sealed class CrawlerFailureTests(MisbehavingCrawl crawl) : IClassFixture<MisbehavingCrawl>
{
    private const string Site = MisbehavingCrawl.Site;
    private static readonly TimeSpan CrawlDelay = TimeSpan.FromMilliseconds(300);
    private IReadOnlyDictionary<string, FrontierEntry> _states => crawl.States;
    private IReadOnlyList<Corpus.Core.Documents.FetchedPage> _pages => crawl.Pages;
    private MisbehavingServer _server => crawl.Server;

    private FrontierEntry State(string path) => _states[$"{Site}/{path}"];

    [Fact]
    public void Every_url_ends_done_or_failed_with_its_reason()
    {
        Assert.DoesNotContain(_states.Values, e => e.State is UrlState.Queued or UrlState.InFlight);
        Assert.All(_states.Values.Where(e => e.State == UrlState.Failed), e => Assert.False(string.IsNullOrEmpty(e.LastError)));

        Assert.Equal(UrlState.Done, State("ok.html").State);
        Assert.Contains("timed out", State("slow.html").LastError);
        Assert.Equal(2, State("slow.html").Attempts);
        Assert.Equal(UrlState.Done, State("flaky.html").State);
        Assert.Equal(2, State("flaky.html").Attempts);
        Assert.Equal(UrlState.Done, State("limited.html").State);
        Assert.Contains("redirect loop", State("loop.html").LastError);
        Assert.Contains("elsewhere.test is not in crawl.allowed_hosts", State("away.html").LastError);
        Assert.Contains("more than 5 redirects", State("chain.html").LastError);
        Assert.Contains("decompression bomb", State("bomb.html").LastError);
        Assert.Contains("exceeds the cap", State("huge.html").LastError);
        Assert.Contains("content-type image/png is not accepted", State("image.html").LastError);
        Assert.Equal(UrlState.Done, State("latin1.html").State);
        Assert.Contains("robots.txt disallows /private/secret.html (Disallow: /private/)", State("private/secret.html").LastError);
        Assert.Contains("HTTP 404", State("missing.html").LastError);
        // A redirect hop is checked against robots.txt like any URL, and never sent when disallowed.
        Assert.Contains("redirect to http://site.test/private/hidden.html refused: robots.txt disallows /private/hidden.html (Disallow: /private/)", State("redirect-private.html").LastError);
        Assert.DoesNotContain(_server.Seen, r => r.Path == "/private/hidden.html");
        // PDF bytes served as text/html fail with the sniffing rule.
        Assert.StartsWith("fetch.not_html: the body of http://site.test/pdf.html is application/pdf by its bytes although served as text/html", State("pdf.html").LastError);
        // A Retry-After over crawl.max_retry_after_seconds fails the URL instead of retrying early.
        Assert.Contains("asks to wait 3600 s (Retry-After), more than crawl.max_retry_after_seconds (60 s)", State("patient.html").LastError);
        Assert.Single(_server.Seen, r => r.Path == "/patient.html");
    }

    [Fact]
    public void Discovery_reads_robots_sitemap_lines_a_gzipped_child_of_an_index_and_a_feed_with_relative_links()
    {
        Assert.Equal(UrlKind.Sitemap, State("sitemap-index.xml").Kind);
        Assert.Equal($"{Site}/robots.txt", State("sitemap-index.xml").DiscoveredFrom);
        Assert.Equal(UrlState.Done, State("sitemap-pages.xml.gz").State);
        Assert.Equal($"{Site}/sitemap-pages.xml.gz", State("flaky.html").DiscoveredFrom);
        Assert.StartsWith("2024-06-0", State("flaky.html").Hint);
        Assert.Equal(UrlState.Done, State("feed-a.html").State);
        Assert.Equal(UrlState.Done, State("feed-b.html").State);
        // Tracking parameters go before the URL is queued; the page's rel=canonical is recorded.
        Assert.True(_states.ContainsKey($"{Site}/tracked.html?id=7"));
        Assert.Equal($"{Site}/ok.html", State("ok.html").Canonical);
    }

    [Fact]
    public void Feeds_and_sitemaps_a_page_links_are_read_as_feeds_and_sitemaps_not_refused_as_pages()
    {
        Assert.Equal((UrlKind.Feed, UrlState.Done), (State("feed2.xml").Kind, State("feed2.xml").State));       // <link rel=alternate type=application/rss+xml>
        Assert.Equal((UrlKind.Feed, UrlState.Done), (State("news/rss.xml").Kind, State("news/rss.xml").State)); // <a href=".../rss.xml">
        Assert.Equal((UrlKind.Sitemap, UrlState.Done), (State("sitemap-hub.xml").Kind, State("sitemap-hub.xml").State)); // <link rel=sitemap>
        Assert.Equal($"{Site}/hub.html", State("feed2.xml").DiscoveredFrom);
        foreach (var (page, from) in new[] { ("hub-a.html", "feed2.xml"), ("hub-b.html", "news/rss.xml"), ("hub-c.html", "sitemap-hub.xml"),
                     ("hub-d.html", "latest"), ("hub-e.html", "pages-list") })
        {
            Assert.Equal((UrlKind.Page, UrlState.Done), (State(page).Kind, State(page).State));
            Assert.Equal($"{Site}/{from}", State(page).DiscoveredFrom);
        }
        // A feed or sitemap adds only its items: not its channel link (the site's home), not itself as a page.
        Assert.False(_states.ContainsKey($"{Site}/"));
        foreach (var discovery in new[] { "feed2.xml", "news/rss.xml", "sitemap-hub.xml", "latest", "pages-list" })
            Assert.DoesNotContain(_pages, p => p.Url == $"{Site}/{discovery}");
        // The page that links them is the page it was: one document, the bytes served.
        var hub = Assert.Single(_pages, p => p.Url == $"{Site}/hub.html");
        Assert.Null(hub.Error);
        Assert.Equal(MisbehavingCrawl.HubPage, Encoding.UTF8.GetString(hub.Body.Span));
    }

    [Fact]
    public void Page_urls_that_answer_with_a_feed_or_sitemap_are_read_as_one_and_other_xml_is_refused()
    {
        Assert.Equal((UrlKind.Feed, UrlState.Done), (State("latest").Kind, State("latest").State));
        Assert.Equal((UrlKind.Sitemap, UrlState.Done), (State("pages-list").Kind, State("pages-list").State));
        Assert.Equal((UrlKind.Page, UrlState.Failed), (State("data.xml").Kind, State("data.xml").State));
        Assert.Contains("content-type application/xml is not accepted", State("data.xml").LastError);
        Assert.Contains("content-type application/xml is not accepted", Assert.Single(_pages, p => p.Url == $"{Site}/data.xml").Error);
    }

    [Fact]
    public void Linked_feeds_are_on_by_default_in_the_recipe_and_the_options()
    {
        Assert.True(new Corpus.Core.Recipes.CrawlSettings().LinkedFeeds);
        Assert.True(TestCrawl.Options(["site.test"]).LinkedFeeds);
        var recipe = Corpus.Core.Recipes.RecipeLoader.Parse("name: t\nversion: 1.0.0\nsources:\n  seeds: [http://site.test/]\n", "corpus.yaml");
        Assert.True(CrawlOptions.FromRecipe(recipe, "Corpus").LinkedFeeds);
        var off = Corpus.Core.Recipes.RecipeLoader.Parse("name: t\nversion: 1.0.0\nsources:\n  seeds: [http://site.test/]\ncrawl:\n  linked_feeds: false\n", "corpus.yaml");
        Assert.False(CrawlOptions.FromRecipe(off, "Corpus").LinkedFeeds);
    }

    [Fact]
    public void The_warc_gives_back_exactly_one_page_per_page_url_with_the_same_outcome()
    {
        var pageUrls = _states.Values.Where(e => e.Kind == UrlKind.Page).Select(e => e.Url).Order().ToList();
        Assert.Equal(pageUrls, _pages.Select(p => p.Url).Order().ToList());
        foreach (var page in _pages)
        {
            var state = _states[page.Url];
            Assert.Equal(state.State == UrlState.Failed, page.Error is not null);
            Assert.Equal(state.WarcFile, page.WarcFile);
            Assert.Equal(state.WarcOffset, page.WarcOffset);
        }
        var latin1 = _pages.Single(p => p.Url.EndsWith("latin1.html"));
        Assert.Equal(Encoding.Latin1.GetBytes(MisbehavingCrawl.Page("latin1", "caf\u00e9 \u00a3")), latin1.Body.ToArray());
    }

    [Fact]
    public void Every_request_to_the_host_keeps_its_crawl_delay_redirect_hops_and_retries_included_and_retry_after_before_a_retry()
    {
        // Stamped on the crawl's virtual clock: the gaps are the crawler's schedule, not the machine's speed.
        var seen = _server.Seen.Where(r => r.Host == "site.test").OrderBy(r => r.At).ToList();
        Assert.Contains(seen, r => r.Path == "/chain3.html");   // redirect hops are in
        Assert.Equal(2, seen.Count(r => r.Path == "/flaky.html"));   // and so are retries
        Assert.True(seen.Count >= 30);
        // Each rest is measured from the end of the previous answer (the crawler's rule), so a request whose arrival was
        // stamped late on the shared virtual clock cannot make the next gap look short.
        var rests = _server.RestsBetween("site.test");
        Assert.Equal(seen.Count - 1, rests.Count);
        foreach (var (previous, next, rest) in rests)
            Assert.True(rest >= CrawlDelay, $"{previous.Path} → {next.Path}: {rest.TotalMilliseconds} ms");
        var retried = Assert.Single(rests, r => r.Previous.Path == "/limited.html" && r.Next.Path == "/limited.html");
        Assert.True(retried.Gap >= TimeSpan.FromSeconds(1), $"{retried.Gap.TotalMilliseconds} ms before the retry Retry-After: 1 asked for");
        Assert.All(seen, r => Assert.Equal("TestBot/1.0 (+https://example.org/bot)", r.Headers["User-Agent"]));
    }
}

/// <summary>Runs the misbehaving crawl once for all the tests that read its outcome.</summary>
public sealed class MisbehavingCrawl : IAsyncLifetime
{
    public const string Site = "http://site.test";
    private readonly TempDir _dir = new();
    public VirtualClock Clock { get; } = new();
    public MisbehavingServer Server { get; }

    public MisbehavingCrawl() => Server = new MisbehavingServer(Clock);
    public IReadOnlyDictionary<string, FrontierEntry> States { get; private set; } = null!;
    public IReadOnlyList<Corpus.Core.Documents.FetchedPage> Pages { get; private set; } = null!;

    public static string Page(string title, string body = "") =>
        $"<html><head><title>{title}</title><link rel=\"canonical\" href=\"{Site}/{title}.html\"></head><body><p>{title} {body}</p></body></html>";

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gz.Write(data);
        return output.ToArray();
    }

    public const string HubPage =
        "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed2.xml\"><link rel=\"sitemap\" href=\"/sitemap-hub.xml\"></head><body><a href=\"/news/rss.xml\">RSS</a></body></html>";

    public async Task InitializeAsync()
    {
        var s = Server;
        s.On("site.test/robots.txt", CannedResponse.Html(
            "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n\nUser-agent: OtherBot\nDisallow: /\n\nSitemap: http://site.test/sitemap-index.xml\n", "text/plain"));
        s.On("site.test/sitemap-index.xml", CannedResponse.Html(
            """<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/sitemap-pages.xml.gz</loc></sitemap></sitemapindex>""",
            "application/xml"));
        string[] pages = ["ok", "slow", "flaky", "limited", "loop", "away", "chain", "bomb", "huge", "image", "latin1", "private/secret", "missing", "tracked",
            "redirect-private", "pdf", "patient", "hub"];
        var urlset = new StringBuilder("""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">""");
        foreach (var p in pages)
            urlset.Append($"<url><loc>{Site}/{p}.html{(p == "tracked" ? "?utm_source=x&amp;id=7" : "")}</loc><news:news><news:publication_date>2024-06-0{1 + p.Length % 9}</news:publication_date></news:news></url>");
        urlset.Append("</urlset>");
        s.On("site.test/sitemap-pages.xml.gz", new CannedResponse(200, Gzip(Encoding.UTF8.GetBytes(urlset.ToString())), ("Content-Type", "application/gzip")));
        s.On("site.test/feed.xml", CannedResponse.Html(
            """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><link>feed-a.html</link></item><item><title>b</title><link>/news/../feed-b.html#top</link></item></channel></rss>""",
            "application/rss+xml"));

        s.On("site.test/ok.html", CannedResponse.Html(Page("ok")));
        s.On("site.test/feed-a.html", CannedResponse.Html(Page("feed-a")));
        s.On("site.test/feed-b.html", CannedResponse.Html(Page("feed-b")));
        s.On("site.test/tracked.html?id=7", CannedResponse.Html(Page("tracked")));
        s.On("site.test/slow.html", CannedResponse.Html(Page("slow")) with { StallBeforeHead = TimeSpan.FromSeconds(30) });
        s.On("site.test/flaky.html", n => n == 1 ? new CannedResponse(500, "oops"u8.ToArray()) : CannedResponse.Html(Page("flaky")));
        s.On("site.test/limited.html", n => n == 1
            ? new CannedResponse(429, "slow down"u8.ToArray(), ("Retry-After", "1"))
            : CannedResponse.Html(Page("limited")));
        s.On("site.test/loop.html", CannedResponse.Redirect("/loop2.html"));
        s.On("site.test/loop2.html", CannedResponse.Redirect("http://site.test/loop.html"));
        s.On("site.test/away.html", CannedResponse.Redirect("http://elsewhere.test/landing.html", 301));
        s.On("elsewhere.test/landing.html", CannedResponse.Html(Page("landing")));
        for (var i = 0; i < 7; i++) s.On($"site.test/{(i == 0 ? "chain" : "chain" + i)}.html", CannedResponse.Redirect($"/chain{i + 1}.html"));
        // 8 MB of zeros packs into a few KB: the bomb.
        s.On("site.test/bomb.html", new CannedResponse(200, Gzip(new byte[8 * 1024 * 1024]), ("Content-Type", "text/html"), ("Content-Encoding", "gzip")));
        s.On("site.test/huge.html", new CannedResponse(200, new byte[3 * 1024 * 1024], ("Content-Type", "text/html")));
        s.On("site.test/image.html", new CannedResponse(200, [0x89, 0x50, 0x4e, 0x47], ("Content-Type", "image/png")));
        // Declares UTF-8 in the header, sends windows-1252 bytes: archived as it came; decoding is extraction's job.
        s.On("site.test/latin1.html", new CannedResponse(200, Encoding.Latin1.GetBytes(Page("latin1", "caf\u00e9 \u00a3")), ("Content-Type", "text/html; charset=utf-8")));
        s.On("site.test/private/secret.html", CannedResponse.Html(Page("secret")));
        s.On("site.test/private/hidden.html", CannedResponse.Html(Page("hidden")));
        s.On("site.test/hub.html", CannedResponse.Html(HubPage));
        s.On("site.test/feed2.xml", CannedResponse.Html(
            """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><link>/hub-a.html</link></item></channel></rss>""", "application/rss+xml"));
        s.On("site.test/news/rss.xml", CannedResponse.Html(
            """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="/hub-b.html"/></entry></feed>""", "application/atom+xml"));
        s.On("site.test/sitemap-hub.xml", CannedResponse.Html(
            """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://site.test/hub-c.html</loc></url></urlset>""", "application/xml"));
        // Seeds that turn out to be a feed, a sitemap, and XML that is neither (by their root element, not their URL).
        s.On("site.test/latest", CannedResponse.Html(
            """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://site.test/</link><item><title>d</title><link>/hub-d.html</link></item></channel></rss>""", "application/rss+xml"));
        s.On("site.test/pages-list", CannedResponse.Html(
            """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/hub-e.html</loc></url></urlset>""", "text/xml"));
        s.On("site.test/data.xml", CannedResponse.Html("""<?xml version="1.0"?><catalog><book>t</book></catalog>""", "application/xml"));
        foreach (var p in new[] { "hub-a", "hub-b", "hub-c", "hub-d", "hub-e" }) s.On($"site.test/{p}.html", CannedResponse.Html(Page(p)));
        s.On("site.test/redirect-private.html", CannedResponse.Redirect("/private/hidden.html"));
        s.On("site.test/pdf.html", new CannedResponse(200, Encoding.ASCII.GetBytes("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\n"), ("Content-Type", "text/html")));
        s.On("site.test/patient.html", new CannedResponse(503, "later"u8.ToArray(), ("Retry-After", "3600")));

        var options = TestCrawl.Options(["site.test"]) with
        {
            // crawl.linked_feeds is left at its default (on).
            Sitemaps = [], Feeds = [$"{Site}/feed.xml"], Seeds = [$"{Site}/ok.html", $"{Site}/latest", $"{Site}/pages-list", $"{Site}/data.xml"],
            Fetch = TestCrawl.Options(["site.test"]).Fetch with
            {
                // Real time, unlike the pacing: generous enough that a loaded machine never times out a page that answers
                // at once (a timed-out robots.txt would be retried before its Crawl-delay is known), and far below slow.html's stall.
                RequestTimeout = TimeSpan.FromSeconds(5), Retries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(100),
                MaxBodyBytes = 1024 * 1024, MaxDecodedBytes = 2 * 1024 * 1024,
            },
        };
        var crawler = new WebCrawler(options, _dir.Path, s.Map("site.test", "elsewhere.test"), Clock);
        await crawler.RunAsync();
        using var frontier = new CrawlFrontier(crawler.FrontierPath);
        States = frontier.All().ToDictionary(e => e.Url);
        Pages = await new WarcPageSource(WebCrawler.WarcFiles(crawler.WarcDirectory)).ReadAsync(CancellationToken.None).ToListAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>Crawl options for tests: the SSRF guard on (hosts reach the test server through crawl.resolve-style mappings), no minimum delay, short timeouts.</summary>
public static class TestCrawl
{
    public static CrawlOptions Options(IEnumerable<string> hosts) => new()
    {
        Fetch = new FetchOptions
        {
            UserAgent = "TestBot/1.0 (+https://example.org/bot)", AllowPrivateNetworks = false,
            RequestTimeout = TimeSpan.FromSeconds(10), ConnectTimeout = TimeSpan.FromSeconds(5), Retries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        },
        AllowedHosts = new HashSet<string>(hosts, StringComparer.OrdinalIgnoreCase),
        MinDelay = TimeSpan.Zero,
        Concurrency = 4,
        WarcPrefix = "test",
    };
}
