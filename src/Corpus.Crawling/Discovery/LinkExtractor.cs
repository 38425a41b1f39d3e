using System.Net;
using System.Text.RegularExpressions;

namespace Corpus.Crawling.Discovery;

/// <summary>The links of an HTML page a crawler follows, and the page's declared canonical URL.</summary>
public sealed record PageLinks(IReadOnlyList<string> Links, string? Canonical)
{
    /// <summary>Feeds the page links: <c>&lt;link rel=alternate type=application/rss+xml|atom+xml&gt;</c>, and anchors to feed files.</summary>
    public IReadOnlyList<string> Feeds { get; init; } = [];
    /// <summary>Sitemaps the page links: <c>&lt;link rel=sitemap&gt;</c>, and anchors to sitemap files.</summary>
    public IReadOnlyList<string> Sitemaps { get; init; } = [];
}

/// <summary>
/// Finds <c>&lt;a href&gt;</c> targets, <c>&lt;base href&gt;</c> and <c>&lt;link rel=canonical&gt;</c> with a tolerant
/// tag scan: enough to crawl (extraction parses the page properly later), and fast on large pages.
/// Links marked <c>rel=nofollow</c> are skipped.
/// </summary>
public static partial class LinkExtractor
{
    public static PageLinks Extract(string html, string pageUrl)
    {
        var baseUrl = pageUrl;
        if (BaseTag().Match(html) is { Success: true } b && Attr(b.Value, "href") is { } baseHref
            && SitemapReader.Resolve(pageUrl, baseHref) is { } resolvedBase)
            baseUrl = resolvedBase;
        string? canonical = null;
        var feeds = new List<string>();
        var sitemaps = new List<string>();
        foreach (Match m in LinkTag().Matches(html))
        {
            if (Attr(m.Value, "rel") is not { } rel || Attr(m.Value, "href") is not { } href) continue;
            var rels = rel.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (canonical is null && rels.Contains("canonical", StringComparer.OrdinalIgnoreCase))
                canonical = SitemapReader.Resolve(baseUrl, href);
            else if (rels.Contains("alternate", StringComparer.OrdinalIgnoreCase) && Attr(m.Value, "type")?.Trim().ToLowerInvariant() is "application/rss+xml" or "application/atom+xml"
                && SitemapReader.Resolve(baseUrl, href) is { } feed)
                feeds.Add(feed);
            else if (rels.Contains("sitemap", StringComparer.OrdinalIgnoreCase) && SitemapReader.Resolve(baseUrl, href) is { } sitemap)
                sitemaps.Add(sitemap);
        }
        var links = new List<string>();
        foreach (Match m in AnchorTag().Matches(html))
        {
            if (Attr(m.Value, "rel") is { } rel && rel.Contains("nofollow", StringComparison.OrdinalIgnoreCase)) continue;
            if (Attr(m.Value, "href") is not { } href || href.StartsWith('#')) continue;
            if (SitemapReader.Resolve(baseUrl, href) is not { } url) continue;
            switch (FileKind(url))
            {
                case "feed": feeds.Add(url); break;
                case "sitemap": sitemaps.Add(url); break;
                default: links.Add(url); break;
            }
        }
        return new PageLinks(links, canonical) { Feeds = feeds, Sitemaps = sitemaps };
    }

    /// <summary>Whether an anchor's target is a feed or a sitemap by its path (<c>/feed</c>, <c>rss.xml</c>, <c>sitemap.xml</c> ...), else null.</summary>
    internal static string? FileKind(string url)
    {
        var path = new Uri(url).AbsolutePath.ToLowerInvariant().TrimEnd('/');
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name.Contains("sitemap", StringComparison.Ordinal) && (name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".xml.gz", StringComparison.Ordinal))) return "sitemap";
        if (name is "feed" or "rss" or "atom" || name.EndsWith(".rss", StringComparison.Ordinal) || name.EndsWith(".atom", StringComparison.Ordinal)
            || (name.EndsWith(".xml", StringComparison.Ordinal) && (name.Contains("feed", StringComparison.Ordinal) || name.Contains("rss", StringComparison.Ordinal) || name.Contains("atom", StringComparison.Ordinal))))
            return "feed";
        return null;
    }

    private static string? Attr(string tag, string name)
    {
        var m = Attribute().Matches(tag).FirstOrDefault(a => a.Groups[1].Value.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (m is null) return null;
        var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
        return WebUtility.HtmlDecode(value.Trim());
    }

    [GeneratedRegex(@"<a\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"<link\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTag();

    [GeneratedRegex(@"<base\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BaseTag();

    [GeneratedRegex(@"([\w:-]+)\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>""']+))")]
    private static partial Regex Attribute();
}
