using System.Xml;
using System.Xml.Linq;

namespace Corpus.Crawling.Discovery;

/// <summary>Item links of an RSS 2.0 or Atom feed, relative ones resolved against the feed's URL (or its <c>xml:base</c>).</summary>
public static class FeedReader
{
    public static IReadOnlyList<SitemapEntry> ParseEntries(string xml, string baseUrl)
    {
        var root = XDocument.Parse(xml).Root ?? throw new XmlException("empty feed");
        var feedBase = root.Attribute(XNamespace.Xml + "base")?.Value is { } b && SitemapReader.Resolve(baseUrl, b) is { } resolved ? resolved : baseUrl;
        var links = new List<SitemapEntry>();
        foreach (var item in root.Descendants().Where(e => e.Name.LocalName is "item" or "entry"))
        {
            string? href;
            if (item.Name.LocalName == "entry")
                // Atom: the alternate link (or one without rel) carries the page.
                href = item.Elements().Where(e => e.Name.LocalName == "link")
                    .FirstOrDefault(e => (string?)e.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
            else
                href = item.Elements().FirstOrDefault(e => e.Name.LocalName == "link")?.Value;
            if (string.IsNullOrWhiteSpace(href) || SitemapReader.Resolve(feedBase, href.Trim()) is not { } url) continue;
            var date = item.Elements().FirstOrDefault(e => e.Name.LocalName is "pubDate" or "published" or "updated")?.Value.Trim();
            links.Add(new SitemapEntry(url, string.IsNullOrEmpty(date) ? null : date));
        }
        return links;
    }

    public static IReadOnlyList<string> Parse(string xml, string baseUrl) => ParseEntries(xml, baseUrl).Select(e => e.Url).ToList();
}
