using Corpus.Crawling.Crawler;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Politeness;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

/// <summary>
/// A host's delay runs from the end of its previous answer, not from when that request was sent: a slow answer does
/// not eat into the rest the host is owed. The gaps are read from the server's own stamps (request arrived, answer
/// about to be written), so they are lower bounds the crawler must keep however loaded the machine is.
/// </summary>
public sealed class PacingFromTheAnswerTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan CrawlDelay = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData("virtual clock")]
    [InlineData("real clock")]
    public async Task Each_request_waits_the_crawl_delay_after_the_previous_answer_ended_robots_txt_redirect_hops_and_retries_included(string clockName)
    {
        TimeProvider clock = clockName == "virtual clock" ? new VirtualClock() : TimeProvider.System;
        await using var server = new MisbehavingServer(clock);
        // The delay is learned from the slow robots.txt itself: the first page request must wait it after that answer.
        server.On("slow.test/robots.txt", CannedResponse.Html("User-agent: *\nCrawl-delay: 0.5\n", "text/plain") with { Takes = Slow });
        server.On("slow.test/a.html", CannedResponse.Redirect("/b.html") with { Takes = Slow });
        server.On("slow.test/b.html", CannedResponse.Html("<p>b</p>") with { Takes = Slow });
        server.On("slow.test/c.html", n => (n == 1 ? new CannedResponse(503, []) : CannedResponse.Html("<p>c</p>")) with { Takes = Slow });
        using var dir = new TempDir();
        var options = TestCrawl.Options(["slow.test"]) with
        {
            Seeds = ["http://slow.test/a.html", "http://slow.test/c.html"],
            Fetch = TestCrawl.Options([]).Fetch with { Retries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(50) },
        };
        var crawler = new WebCrawler(options, dir.Path, server.Map("slow.test"), clock);
        await crawler.RunAsync();

        using (var frontier = new CrawlFrontier(crawler.FrontierPath))
            Assert.All(frontier.All(), e => Assert.Equal(UrlState.Done, e.State));
        var answered = server.Answered.Where(a => a.Request.Host == "slow.test").ToList();
        Assert.Equal(["/a.html", "/b.html", "/c.html", "/c.html", "/robots.txt"], answered.Select(a => a.Request.Path).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(server.Seen.Count(r => r.Host == "slow.test"), answered.Count);
        var rests = server.RestsBetween("slow.test");
        Assert.Equal(4, rests.Count);
        foreach (var (previous, next, rest) in rests)
            Assert.True(rest >= CrawlDelay,
                $"{next.Path} arrived {rest.TotalMilliseconds} ms after the answer to {previous.Path} was sent, less than the crawl delay of {CrawlDelay.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task With_several_requests_to_a_host_in_flight_the_next_waits_its_delay_after_the_latest_start_and_the_latest_answer()
    {
        var clock = new VirtualClock();
        var scheduler = new HostScheduler(perHost: 2, global: 4, clock);
        var delay = TimeSpan.FromSeconds(1);
        scheduler.SetDelay("many.test", delay);

        await scheduler.PaceAsync("many.test", default);
        var first = clock.GetUtcNow();
        // The second goes out while the first is still being answered, but not sooner than the delay after it started.
        await scheduler.PaceAsync("many.test", default);
        var second = clock.GetUtcNow();
        Assert.True(second - first >= delay, $"{(second - first).TotalMilliseconds} ms between two starts");

        // The first answer takes three seconds: the third request rests the delay after it, not after the second start.
        clock.AdvanceTo(second + TimeSpan.FromSeconds(3));
        scheduler.Answered("MANY.test");
        var answered = clock.GetUtcNow();
        await scheduler.PaceAsync("many.test", default);
        Assert.True(clock.GetUtcNow() - answered >= delay, $"{(clock.GetUtcNow() - answered).TotalMilliseconds} ms after the answer");
    }
}
