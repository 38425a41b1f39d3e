using System.Net;
using System.Text.RegularExpressions;

namespace Corpus.Crawling.Discovery;

/// <summary>The links of an HTML page a crawler follows, and the page's declared canonical URL.</summary>
public sealed record PageLinks(IReadOnlyList<string> Links, string? Canonical);

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
        foreach (Match m in LinkTag().Matches(html))
        {
            if (Attr(m.Value, "rel") is { } rel && rel.Split(' ').Contains("canonical", StringComparer.OrdinalIgnoreCase)
                && Attr(m.Value, "href") is { } href)
            {
                canonical = SitemapReader.Resolve(baseUrl, href);
                break;
            }
        }
        var links = new List<string>();
        foreach (Match m in AnchorTag().Matches(html))
        {
            if (Attr(m.Value, "rel") is { } rel && rel.Contains("nofollow", StringComparison.OrdinalIgnoreCase)) continue;
            if (Attr(m.Value, "href") is not { } href || href.StartsWith('#')) continue;
            if (SitemapReader.Resolve(baseUrl, href) is { } url) links.Add(url);
        }
        return new PageLinks(links, canonical);
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
