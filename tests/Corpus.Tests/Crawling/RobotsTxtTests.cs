using Corpus.Crawling.Crawler;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Robots;

namespace Corpus.Tests.Crawling;

public sealed class RobotsTxtTests
{
    private const string File = """
        # comments are ignored
        User-agent: *
        Disallow: /private/
        Allow: /private/open
        Disallow: /*.pdf$
        Disallow: /search?
        Crawl-delay: 2.5

        User-agent: CorpusBot
        User-agent: OtherBot
        Disallow: /not-for-bots/
        Allow: /page
        Disallow: /page
        Crawl-delay: 1

        Sitemap: https://example.test/sitemap.xml
        """;

    [Theory]
    [InlineData("AnyBot/2.0", "/private/x", false)]
    [InlineData("AnyBot/2.0", "/private/open/x", true)]   // the longer Allow wins
    [InlineData("AnyBot/2.0", "/doc.pdf", false)]
    [InlineData("AnyBot/2.0", "/doc.pdf?x=1", true)]      // '$' anchors the end
    [InlineData("AnyBot/2.0", "/search?q=a", false)]
    [InlineData("AnyBot/2.0", "/robots.txt", true)]
    [InlineData("CorpusBot/0.1", "/private/x", true)]     // our own group replaces '*'
    [InlineData("CorpusBot/0.1", "/not-for-bots/a", false)]
    [InlineData("corpusbot", "/page", true)]              // equal length: Allow wins; agent match ignores case
    [InlineData("AnyBot/2.0", "/%7Eprivate", true)]
    public void Longest_match_decides(string agent, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsTxt.Parse(File, agent).Allows(path));

    [Fact]
    public void Crawl_delay_and_sitemaps_are_read()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), RobotsTxt.Parse(File, "AnyBot").CrawlDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), RobotsTxt.Parse(File, "CorpusBot/0.1").CrawlDelay);
        Assert.Equal(["https://example.test/sitemap.xml"], RobotsTxt.Parse(File, "AnyBot").Sitemaps);
        Assert.Equal("Disallow: /private/", RobotsTxt.Parse(File, "AnyBot").Deciding("/private/x"));
    }

    [Fact]
    public void Percent_encoding_is_compared_normalised()
    {
        var robots = RobotsTxt.Parse("User-agent: *\nDisallow: /caf%c3%a9\nDisallow: /~joe\n", "x");
        Assert.False(robots.Allows("/caf%C3%A9/menu"));
        Assert.False(robots.Allows("/%7Ejoe/"));
    }

    [Fact]
    public async Task A_missing_file_allows_all_and_a_failing_one_disallows_all_until_asked_again()
    {
        var clock = new VirtualClock();
        await using var server = new MisbehavingServer();
        server.On("gone.test/robots.txt", new CannedResponse(404, []));
        server.On("down.test/robots.txt", n => n <= 2 ? new CannedResponse(503, []) : CannedResponse.Html("User-agent: *\nDisallow: /x\n", "text/plain"));
        using var fetcher = new HttpFetcher(TestCrawl.Options([]).Fetch with { Retries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) },
            server.Map("gone.test", "down.test"), clock);
        var cache = new RobotsCache(fetcher, "TestBot", TimeSpan.FromHours(1), new RobotsRetryPolicy { FirstRetry = TimeSpan.FromMinutes(1) }, clock);

        Assert.True((await cache.GetAsync(new Uri("http://gone.test/a"), default)).Rules.Allows("/anything"));
        var down = await cache.GetAsync(new Uri("http://down.test/a"), default);
        Assert.False(down.Rules.Allows("/a"));
        Assert.Contains("503", down.Why);
        Assert.NotNull(down.Postpone);
        var cached = await cache.GetAsync(new Uri("http://down.test/b"), default);
        Assert.Null(cached.Fetched);   // not asked again before the retry time
        Assert.NotNull(cached.Postpone);
        clock.AdvanceTo(clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var later = await cache.GetAsync(new Uri("http://down.test/a"), default);
        Assert.NotNull(later.Fetched);
        Assert.Null(later.Postpone);
        Assert.True(later.Rules.Allows("/a"));
        Assert.False(later.Rules.Allows("/x"));
    }
}
