using System.Xml.Linq;

namespace Corpus.Crawling.Discovery;

/// <summary>Item links of an RSS 2.0 or Atom feed.</summary>
public static class FeedReader
{
    public static IReadOnlyList<string> Parse(string xml, string baseUrl)
    {
        var root = XDocument.Parse(xml).Root ?? throw new FormatException("empty feed");
        var links = new List<string>();
        foreach (var item in root.Descendants().Where(e => e.Name.LocalName is "item" or "entry"))
        {
            var link = item.Elements().FirstOrDefault(e => e.Name.LocalName == "link");
            // RSS puts the URL in the element text; Atom in href (prefer rel="alternate" or no rel).
            var href = link?.Attribute("href")?.Value ?? link?.Value;
            if (item.Name.LocalName == "entry")
                href = item.Elements().Where(e => e.Name.LocalName == "link")
                    .FirstOrDefault(e => (string?)e.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value ?? href;
            if (!string.IsNullOrWhiteSpace(href) && SitemapReader.Resolve(baseUrl, href.Trim()) is { } url)
                links.Add(url);
        }
        return links;
    }
}
