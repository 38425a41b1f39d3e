using System.Net;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Serving;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

public sealed class StaticSiteServerTests
{
    [Fact]
    public async Task Serves_files_under_a_mapped_host_and_404s_the_rest()
    {
        await using var server = new StaticSiteServer(RepoPaths.SampleSite);
        var hosts = new HostMap();
        hosts.Add("kabarnusantara.test", server.EndPoint, trusted: true);
        using var fetcher = new HttpFetcher(new FetchOptions { AllowPrivateNetworks = false, Retries = 0 }, hosts);

        var robots = await fetcher.FetchAsync(new FetchRequest("http://kabarnusantara.test/robots.txt"), CancellationToken.None);
        Assert.Null(robots.Error);
        Assert.Equal(200, robots.Final!.Status);
        Assert.Contains("Sitemap:", System.Text.Encoding.UTF8.GetString(robots.Body!));

        var missing = await fetcher.FetchAsync(new FetchRequest("http://kabarnusantara.test/olahraga/2024/06/berita-yang-sudah-dihapus.html"), CancellationToken.None);
        Assert.Equal((int)HttpStatusCode.NotFound, missing.Final!.Status);
        Assert.Contains("404", missing.Error);

        var escape = await fetcher.FetchAsync(new FetchRequest("http://kabarnusantara.test/../../etc/passwd"), CancellationToken.None);
        Assert.NotEqual(200, escape.Final?.Status);
    }

    [Fact]
    public async Task An_unreachable_host_is_a_failed_page_not_an_exception()
    {
        var hosts = new HostMap();
        // Port 9 on loopback (discard) is closed here; the fetch must fail cleanly.
        hosts.Add("closed.test", new IPEndPoint(IPAddress.Loopback, 9), trusted: true);
        using var fetcher = new HttpFetcher(new FetchOptions { AllowPrivateNetworks = false, Retries = 0, ConnectTimeout = TimeSpan.FromSeconds(5) }, hosts);
        var page = await fetcher.FetchAsync(new FetchRequest("http://closed.test/"), CancellationToken.None);
        Assert.NotNull(page.Error);
        Assert.Null(page.Final);
    }
}
