using System.Net;
using Corpus.Core.Documents;
using Corpus.Crawling.Crawler;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Frontier;
using Corpus.Crawling.Safety;
using Corpus.Crawling.Urls;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

public sealed class UrlAndSafetyTests
{
    [Theory]
    [InlineData("HTTP://Example.TEST:80/a/b.html#frag", "http://example.test/a/b.html")]
    [InlineData("https://example.test:443", "https://example.test/")]
    [InlineData("http://example.test:8080/x", "http://example.test:8080/x")]
    [InlineData("http://example.test/a%7eb/%41?utm_source=x&id=1&fbclid=abc&gclid=z", "http://example.test/a~b/A?id=1")]
    [InlineData("http://example.test/caf%c3%a9?q=%2f", "http://example.test/caf%C3%A9?q=%2F")]
    [InlineData("http://example.test/p?utm_medium=a&utm_campaign=b", "http://example.test/p")]
    public void Normalises_urls(string input, string expected) => Assert.Equal(expected, UrlNormalizer.Normalize(input));

    [Fact]
    public void Every_data_file_loads()
    {
        Assert.Contains("utm_*", UrlNormalizer.TrackingParameters);
        Assert.Contains("fbclid", UrlNormalizer.TrackingParameters);
        Assert.Contains("text/html", CrawlOptions.DefaultContentTypes);
        Assert.Contains("application/xhtml+xml", CrawlOptions.DefaultContentTypes);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.20.0.1", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("fd00::1", "private")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("93.184.216.34", null)]
    [InlineData("2606:4700::1111", null)]
    public void Classifies_addresses(string address, string? refused) => Assert.Equal(refused, AddressPolicy.WhyRefused(IPAddress.Parse(address)));

    [Fact]
    public async Task Loopback_is_refused_after_resolution_and_on_a_redirect_unless_the_recipe_allows_it()
    {
        await using var server = new MisbehavingServer();
        server.On("public.test/page.html", CannedResponse.Html("<p>hi</p>"));
        server.On("public.test/jump.html", CannedResponse.Redirect("http://127.0.0.1:1/admin"));
        using var dir = new TempDir();
        var options = TestCrawl.Options(["public.test", "127.0.0.1"]) with
        {
            Seeds = ["http://public.test/page.html", "http://public.test/jump.html"],
            Fetch = TestCrawl.Options([]).Fetch with { AllowPrivateNetworks = false, Retries = 0 },
        };
        // An untrusted mapping stands for DNS answering a loopback address: this is the one test of the switch.
        HostMap Untrusted() { var m = new HostMap(); m.Add("public.test", server.EndPoint); return m; }
        var crawler = new WebCrawler(options, dir.Path, Untrusted());
        await crawler.RunAsync();
        using var frontier = new CrawlFrontier(crawler.FrontierPath);
        var states = frontier.All().Where(e => e.Kind == UrlKind.Page).ToDictionary(e => e.Url);
        Assert.Contains("refused address: public.test resolves to 127.0.0.1, a loopback address", states["http://public.test/page.html"].LastError);
        Assert.Equal(UrlState.Failed, states["http://public.test/jump.html"].State);
        Assert.DoesNotContain(server.Seen, r => r.Path != "/robots.txt");

        // The same crawl with private networks allowed gets the page, and follows the redirect into 127.0.0.1 only to be refused a connection there.
        using var dir2 = new TempDir();
        var allowed = new WebCrawler(options with { Fetch = options.Fetch with { AllowPrivateNetworks = true } }, dir2.Path, Untrusted());
        await allowed.RunAsync();
        using var frontier2 = new CrawlFrontier(allowed.FrontierPath);
        Assert.Equal(UrlState.Done, frontier2.All().Single(e => e.Url == "http://public.test/page.html").State);
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_checked_again_at_the_new_connection()
    {
        await using var server = new MisbehavingServer();
        server.On("public.test/jump.html", CannedResponse.Redirect("http://inside.test/secret"));
        var hosts = new HostMap();
        // public.test stands for a public site (a trusted mapping to the test server); inside.test resolves to a private address.
        hosts.Add("public.test", server.EndPoint, trusted: true);
        hosts.Add("inside.test", new IPEndPoint(IPAddress.Parse("10.0.0.1"), 80));
        using var fetcher = new HttpFetcher(new FetchOptions { AllowPrivateNetworks = false, Retries = 0 }, hosts);
        var outcome = await fetcher.FetchAsync(new FetchRequest("http://public.test/jump.html"), default);
        Assert.Single(outcome.Hops);
        Assert.Contains("inside.test resolves to 10.0.0.1, a private address", outcome.Error);
    }
}
