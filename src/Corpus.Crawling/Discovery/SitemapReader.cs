using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using Corpus.Crawling.Fetching;

namespace Corpus.Crawling.Discovery;

/// <summary>A page listed in a sitemap, with the date it gives (a Google News publication date, else lastmod) as a hint.</summary>
public sealed record SitemapEntry(string Url, string? Published);

/// <summary>A sitemap is either a list of pages or an index of further sitemaps.</summary>
public sealed record Sitemap(IReadOnlyList<SitemapEntry> Entries, IReadOnlyList<string> ChildSitemaps)
{
    public IReadOnlyList<string> Pages => Entries.Select(e => e.Url).ToList();
}

public static class SitemapReader
{
    /// <summary>Parses sitemap XML (<c>urlset</c> or <c>sitemapindex</c>); relative locations resolve against <paramref name="baseUrl"/>.</summary>
    public static Sitemap Parse(string xml, string baseUrl)
    {
        var doc = XDocument.Parse(xml);
        var root = doc.Root ?? throw new XmlException("empty sitemap");
        var entries = new List<SitemapEntry>();
        foreach (var item in root.Elements())
        {
            var loc = Child(item, "loc")?.Value.Trim();
            if (string.IsNullOrEmpty(loc) || Resolve(baseUrl, loc) is not { } url) continue;
            // Google News sitemaps: <news:news><news:publication_date>; plain ones: <lastmod>.
            var published = item.Descendants().FirstOrDefault(e => e.Name.LocalName == "publication_date")?.Value.Trim()
                ?? Child(item, "lastmod")?.Value.Trim();
            entries.Add(new SitemapEntry(url, string.IsNullOrEmpty(published) ? null : published));
        }
        return root.Name.LocalName == "sitemapindex" ? new Sitemap([], entries.Select(e => e.Url).ToList()) : new Sitemap(entries, []);
    }

    /// <summary>The text of a fetched sitemap or feed: gunzipped (capped) when the bytes are gzip, whatever the URL says.</summary>
    public static string Text(byte[] body, long maxBytes)
    {
        if (body.Length > 2 && body[0] == 0x1f && body[1] == 0x8b)
        {
            using var gz = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            body = ContentDecoder.ReadCapped(gz, maxBytes, body.Length);
        }
        return System.Text.Encoding.UTF8.GetString(body).TrimStart('\uFEFF');
    }

    /// <summary>
    /// What an XML text is by its root element: <see cref="Frontier.UrlKind.Feed"/> (RSS <c>rss</c>, RSS 1.0 <c>RDF</c>,
    /// Atom <c>feed</c>), <see cref="Frontier.UrlKind.Sitemap"/> (<c>urlset</c>, <c>sitemapindex</c>), else null.
    /// Only the start of the document is read.
    /// </summary>
    public static string? RootKind(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            if (reader.MoveToContent() != XmlNodeType.Element) return null;
            return reader.LocalName switch
            {
                "rss" or "RDF" or "feed" => Frontier.UrlKind.Feed,
                "urlset" or "sitemapindex" => Frontier.UrlKind.Sitemap,
                _ => null,
            };
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static XElement? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name);

    internal static string? Resolve(string baseUrl, string href) =>
        Uri.TryCreate(new Uri(baseUrl), href, out var u) && (u.Scheme == "http" || u.Scheme == "https") ? u.AbsoluteUri : null;
}
