using System.Text;
using Corpus.Crawling.Discovery;

namespace Corpus.Tests.Crawling;

public sealed class LinkExtractorTests
{
    // Tags in upper and mixed case, split over lines, with a NEL (0x85) and a no-break space (0xA0) after the name,
    // nofollow, a fragment, a base, a canonical, feeds and sitemaps, a tag inside an attribute, look-alikes
    // (<abbr>, <linkx>, <a> with no space) and a last tag with no closing '>'.
    private static readonly byte[] Page = Encoding.Latin1.GetBytes(
        "<html><head><BASE href=\"http://b.test/dir/\"><LINK rel=\"canonical\" href=\"/canon\">" +
        "<link rel='alternate' type='application/rss+xml' href='feed.xml'><link rel=sitemap href=/sm.xml><linkx rel=canonical href=/no>" +
        "</head><body><abbr title=x>t</abbr><a>none</a><A\nHREF=\"one.html\">1</A><a\u0085href=two.html>2</a><a\u00a0href='three.html'>3</a>" +
        "<a rel=\"nofollow\" href=\"skip.html\">s</a><a href=\"#top\">t</a><a title=\"<a href=inner.html>\" href=\"outer.html\">o</a>" +
        "<a href=\"caf\u00e9.html\">c</a><a href=\"/news/rss.xml\">f</a><a href=\"/sitemap-2.xml\">m</a><a href=\"unclosed.html\"");

    [Fact]
    public void Tags_found_on_the_bytes_give_what_the_patterns_give_on_the_latin1_text()
    {
        var fromText = LinkExtractor.Extract(Encoding.Latin1.GetString(Page), "http://a.test/page.html");
        var fromBytes = LinkExtractor.Extract(Page, "http://a.test/page.html");
        Assert.Equal(fromText.Links, fromBytes.Links);
        Assert.Equal(fromText.Canonical, fromBytes.Canonical);
        Assert.Equal(fromText.Feeds, fromBytes.Feeds);
        Assert.Equal(fromText.Sitemaps, fromBytes.Sitemaps);

        Assert.Equal("http://b.test/canon", fromBytes.Canonical);
        foreach (var name in (string[])["one", "two", "three", "inner"]) Assert.Contains($"http://b.test/dir/{name}.html", fromBytes.Links);
        // nofollow, a fragment, a link inside a tag the scan has passed, and a tag that never closes are not followed.
        foreach (var name in (string[])["skip", "outer", "unclosed", "no"]) Assert.DoesNotContain(fromBytes.Links, l => l.Contains($"/{name}"));
        Assert.Contains(fromBytes.Links, l => l.StartsWith("http://b.test/dir/caf", StringComparison.Ordinal));
        Assert.Equal(["http://b.test/dir/feed.xml", "http://b.test/news/rss.xml"], fromBytes.Feeds);
        Assert.Equal(["http://b.test/sm.xml", "http://b.test/sitemap-2.xml"], fromBytes.Sitemaps);
    }
}
